/**
 * @module One household's statement of a closed month (請求書), with what a qualified invoice prints: the lines, the
 * household, and the date it was issued (the close).
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export async function showStatement(deps: Deps, operatorId: string, month: string, householdId: number) {
  const { billing, households } = deps.repos;
  const closed = await billing.getMonth(operatorId, month);
  const found = await billing.getStatement(operatorId, month, householdId);
  if (!closed || !found) throw new ConsoleError("not_found", "請求書が見つかりません。");
  return {
    statement: found.statement,
    lines: found.lines,
    household: await households.get(operatorId, found.statement.householdId),
    issuedAt: closed.closedAt,
  };
}
