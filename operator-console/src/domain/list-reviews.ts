/**
 * @module Update and revocation notices from the PF (更新・失効の確認), those staff have still to look at and those
 * already done.
 */
import type { Deps } from "./context.ts";

export async function listReviews(deps: Deps, operatorId: string) {
  return {
    open: await deps.repos.cableIds.listReviews(operatorId, true),
    done: await deps.repos.cableIds.listReviews(operatorId, false),
  };
}
