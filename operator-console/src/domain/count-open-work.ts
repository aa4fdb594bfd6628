/**
 * @module The badges of the console's menu: cable IDs waiting to be linked and update/revocation notices not yet
 * reviewed, so staff see work waiting from any page.
 */
import type { Deps } from "./context.ts";

export async function countOpenWork(
  deps: Deps,
  operatorId: string,
): Promise<{ pendingLinks: number; openReviews: number }> {
  const [counts, openReviews] = await Promise.all([
    deps.repos.cableIds.countByStatus(operatorId),
    deps.repos.cableIds.openReviewCount(operatorId),
  ]);
  return { pendingLinks: counts.pending, openReviews };
}
