/**
 * @module The badges of the console's menu: cable IDs waiting to be linked and update/revocation notices not yet
 * reviewed, so staff see work waiting from any page.
 */
import type { Deps } from "./context.ts";

export function countOpenWork(deps: Deps, operatorId: string): { pendingLinks: number; openReviews: number } {
  return {
    pendingLinks: deps.repos.cableIds.countByStatus(operatorId).pending,
    openReviews: deps.repos.cableIds.openReviewCount(operatorId),
  };
}
