/**
 * @module Enrolment (サービス申込): creates our user ID for the pairwise ID, records the consent, and generates
 * the viewer's sample health history (see generate-health-history.ts) in the same transaction. Repeating it
 * returns the same user ID and refreshes the consent; the history is not regenerated.
 */
import type { HealthDeps } from "./deps.ts";
import { generateHealthHistory } from "./generate-health-history.ts";

export interface EnrolmentInput {
  pairwiseId: string;
  serviceId: string;
  consent: { scope: string[]; grantedAt: string; textVersion: string };
}

export function enrolUser(
  deps: HealthDeps,
  input: EnrolmentInput,
): { providerUserId: string; created: boolean } {
  return deps.store.transaction(() => {
    const consent = {
      consentScope: input.consent.scope,
      consentGrantedAt: input.consent.grantedAt,
      consentTextVersion: input.consent.textVersion,
    };
    const existing = deps.store.findUser(input.pairwiseId);
    if (existing) {
      deps.store.updateConsent(existing.id, consent);
      return { providerUserId: existing.id, created: false };
    }
    const now = deps.now();
    const { profile, history } = generateHealthHistory(input.pairwiseId, now);
    const id = deps.newId("HU");
    deps.store.insertUser(
      {
        id,
        pairwiseId: input.pairwiseId,
        serviceId: input.serviceId,
        operatorId: null,
        enrolledAt: now.toISOString(),
        sampleSex: profile.sex,
        sampleAge: profile.age,
        ...consent,
      },
      history,
    );
    return { providerUserId: id, created: true };
  });
}
