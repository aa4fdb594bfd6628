/**
 * @module 照会履歴: the eligibility requests the PF made for this insurer, newest first — which medical institution
 * asked, for which 共通的PFID, on which day, and what 資格有効性 was answered.
 */
import type { Actor, Deps, EligibilityRequestRecord, Page } from "./ports.ts";

export function listEligibilityRequests(
  deps: Deps,
  actor: Actor,
  filter: { offset: number; limit: number },
): Promise<Page<EligibilityRequestRecord>> {
  return deps.store.eligibility.list(actor.insurerId, filter);
}
