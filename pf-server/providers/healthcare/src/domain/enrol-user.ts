/**
 * @module Enrolment (サービス申込) through the kit's `enrolByPairwiseId`: a new user's record is stored together
 * with the viewer's sample health history (see generate-health-history.ts), in the same transaction. Repeating
 * it refreshes the consent; the history is not regenerated. A new user takes the operator from an
 * `enrolment.created` event that may have arrived before the enrolment itself.
 */
import { type EnrolmentInput, type EnrolmentResult, enrolByPairwiseId } from "@catv/provider-kit";
import type { HealthDeps } from "./deps.ts";
import { generateHealthHistory } from "./generate-health-history.ts";

export function enrolUser(deps: HealthDeps, input: EnrolmentInput): Promise<EnrolmentResult> {
  return enrolByPairwiseId(deps.store, input, async (tx, fields) => {
    const now = deps.now();
    const { profile, history } = generateHealthHistory(fields.pairwiseId, now);
    const id = deps.newId("HU");
    await tx.users.insert(
      {
        id,
        ...fields,
        operatorId: (await tx.events.operatorForEnrolment(fields.pairwiseId)) ?? null,
        enrolledAt: now.toISOString(),
        sampleSex: profile.sex,
        sampleAge: profile.age,
      },
      history,
    );
    return id;
  });
}
