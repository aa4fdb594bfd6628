/**
 * @module Enrolment (サービス申込, 参考２－２): the PF tells us a viewer signed up; we create our own user ID,
 * link it to the viewer's pairwise ID and keep what they consented to and when. Repeating it is harmless: the
 * same user ID comes back and the newer consent replaces the older.
 */
import type { FacilityDeps } from "./deps.ts";

export interface EnrolmentInput {
  pairwiseId: string;
  serviceId: string;
  consent: { scope: string[]; grantedAt: string; textVersion: string };
}

export function enrolUser(
  deps: FacilityDeps,
  input: EnrolmentInput,
): { providerUserId: string; created: boolean } {
  return deps.store.transaction(() => {
    const consent = {
      consentScope: input.consent.scope,
      consentGrantedAt: input.consent.grantedAt,
      consentTextVersion: input.consent.textVersion,
    };
    const existing = deps.store.users.findByPairwiseId(input.pairwiseId);
    if (existing) {
      deps.store.users.updateConsent(existing.id, consent);
      return { providerUserId: existing.id, created: false };
    }
    const id = deps.newId("FU");
    deps.store.users.insert({
      id,
      pairwiseId: input.pairwiseId,
      serviceId: input.serviceId,
      operatorId: deps.store.events.operatorForEnrolment(input.pairwiseId) ?? null,
      enrolledAt: deps.now().toISOString(),
      ...consent,
    });
    return { providerUserId: id, created: true };
  });
}
