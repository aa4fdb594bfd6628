/**
 * @module Staff mark an update or revocation notice as looked at (確認済み). Audited.
 */
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps } from "./context.ts";

export function acknowledgeReview(deps: Deps, actor: Actor, reviewId: number): void {
  const review = deps.repos.cableIds.getReview(actor.operatorId, reviewId);
  if (!review) throw new ConsoleError("not_found");
  deps.repos.transaction(() => {
    deps.repos.cableIds.markReviewed(actor.operatorId, review.id, actor.loginId, deps.now().toISOString());
    audit(deps, actor, "cable_id.review", {
      householdId: review.householdId,
      contractId: review.contractId,
      detail: `${review.cableId} ${review.kind} を確認`,
    });
  });
}
