/**
 * @module Staff mark an update or revocation notice as looked at (確認済み). Audited.
 */
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";

export async function acknowledgeReview(deps: Deps, actor: Actor, reviewId: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const review = await tx.repos.cableIds.getReview(actor.operatorId, reviewId);
    if (!review) throw new ConsoleError("not_found");
    await tx.repos.cableIds.markReviewed(actor.operatorId, review.id, actor.loginId, tx.now().toISOString());
    await audit(tx, actor, "cable_id.review", {
      householdId: review.householdId,
      contractId: review.contractId,
      detail: `${review.cableId} ${review.kind} を確認`,
    });
  });
}
