/**
 * @module Keeps each operator's copy of the PF's fee statements (共通的PF利用料) fresh in the background, so the
 * dashboard's login chart shows the month in progress without staff opening the fee page: the current month's
 * provisional statement is fetched again once its copy is older than `REFRESH_MINUTES`, and the month just ended
 * until its final statement is in. A statement the PF could not give is not asked for again for the same time
 * (remembered per process: losing it only means one early retry), and an unreachable PF ends the pass.
 */
import { jstMonth, previousMonth } from "@catv/contracts/calendar";
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";
import { parseCachedFeeStatement } from "./fetch-fee-statement.ts";

export const REFRESH_MINUTES = 5;

const failures = new WeakMap<Deps, Map<string, number>>();

/** Fetches the statements that are due; returns how many were stored. */
export async function refreshFeeStatements(deps: Deps): Promise<number> {
  const now = deps.now().getTime();
  const failedAt = failures.get(deps) ?? new Map<string, number>();
  failures.set(deps, failedAt);
  const current = jstMonth(deps.now());
  let stored = 0;
  for (const operator of await deps.repos.accounts.listOperators()) {
    for (const month of [current, previousMonth(current)]) {
      const key = `${operator.id}:${month}`;
      if (now - (failedAt.get(key) ?? 0) < REFRESH_MINUTES * 60_000) continue;
      const cached = await deps.repos.pfSync.getFeeStatement(operator.id, month);
      const fresh =
        cached &&
        (!parseCachedFeeStatement(cached.body).provisional ||
          now - Date.parse(cached.fetchedAt) < REFRESH_MINUTES * 60_000);
      if (fresh) continue;
      try {
        const statement = await deps.pf.getFeeStatement(operator.pfApiKey, month);
        await deps.repos.pfSync.saveFeeStatement(
          operator.id,
          month,
          JSON.stringify(statement),
          deps.now().toISOString(),
        );
        failedAt.delete(key);
        stored++;
      } catch (error) {
        failedAt.set(key, now);
        const code = error instanceof ConsoleError ? error.code : "unexpected";
        deps.log("warn", "fee statement not refreshed; kept the last copy", {
          operatorId: operator.id,
          month,
          code,
        });
        // Unreachable (no HTTP status): every other request of this pass would wait out the same timeout.
        if (error instanceof ConsoleError && error.code === "pf_unavailable" && !error.details?.pfStatus) {
          return stored;
        }
      }
    }
  }
  return stored;
}
