/**
 * @module Fetches the PF's monthly usage-fee statement (共通的PF利用料) for the operator and keeps a copy, so the page
 * still shows the last one fetched when the PF is unreachable. The month in progress comes back provisional (the
 * counts so far, `asOf`), a month that has ended final.
 */

import { ConsoleError } from "../errors.ts";
import type { Actor, Deps } from "./context.ts";
import type { FeeStatement } from "./pf-client.ts";

/**
 * A stored copy as the PF gave it. Copies kept before the PF marked statements provisional lack the mark; those
 * were all of ended months, so final.
 */
export function parseCachedFeeStatement(body: string): FeeStatement {
  const parsed = JSON.parse(body) as Omit<FeeStatement, "provisional" | "asOf"> & Partial<FeeStatement>;
  return { ...parsed, provisional: parsed.provisional ?? false, asOf: parsed.asOf ?? "" };
}

export async function fetchFeeStatement(
  deps: Deps,
  actor: Actor,
  month: string,
): Promise<{ statement: FeeStatement; fetchedAt: string; stale: boolean; error?: string }> {
  const operator = await deps.repos.accounts.getOperator(actor.operatorId);
  if (!operator) throw new ConsoleError("not_found");
  try {
    const statement = await deps.pf.getFeeStatement(operator.pfApiKey, month);
    const fetchedAt = deps.now().toISOString();
    await deps.repos.pfSync.saveFeeStatement(actor.operatorId, month, JSON.stringify(statement), fetchedAt);
    return { statement, fetchedAt, stale: false };
  } catch (error) {
    const cached = await deps.repos.pfSync.getFeeStatement(actor.operatorId, month);
    if (!cached) throw error;
    return {
      statement: parseCachedFeeStatement(cached.body),
      fetchedAt: cached.fetchedAt,
      stale: true,
      error: (error as Error).message,
    };
  }
}
