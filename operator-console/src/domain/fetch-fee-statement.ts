/**
 * @module Fetches the PF's monthly usage-fee statement (共通的PF利用料) for the operator and keeps a copy, so the page
 * still shows the last one fetched when the PF is unreachable.
 */

import { ConsoleError } from "../errors.ts";
import type { Actor, Deps } from "./context.ts";
import type { FeeStatement } from "./pf-client.ts";

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
      statement: JSON.parse(cached.body) as FeeStatement,
      fetchedAt: cached.fetchedAt,
      stale: true,
      error: (error as Error).message,
    };
  }
}
