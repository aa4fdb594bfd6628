/**
 * @module Enrolment (サービス申込, 参考２－２) through the kit's `enrolByPairwiseId`. A new user takes the operator
 * from an `enrolment.created` event that may have arrived before the enrolment itself.
 */
import { type EnrolmentInput, type EnrolmentResult, enrolByPairwiseId } from "@catv/provider-kit";
import type { FacilityDeps } from "./deps.ts";

export function enrolUser(deps: FacilityDeps, input: EnrolmentInput): Promise<EnrolmentResult> {
  return enrolByPairwiseId(deps.store, input, async (tx, fields) => {
    const id = deps.newId("FU");
    await tx.users.insert({
      id,
      ...fields,
      operatorId: (await tx.events.operatorForEnrolment(fields.pairwiseId)) ?? null,
      enrolledAt: deps.now().toISOString(),
    });
    return id;
  });
}
