/**
 * @module Monthly close (月次締め): freezes a billing month, writes one statement per household and one settlement
 * per provider, all in one transaction. Closing a closed month returns the earlier result and writes nothing, and the
 * statements' unique (operator, month, household) key makes double billing impossible even under a race.
 * Usage arriving later for this month is routed to the next open month (receive-pf-event.ts).
 */

import { jstMonth } from "@catv/contracts/calendar";
import { collectionFee } from "@catv/contracts/invoice-tax";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";
import type { ClosedMonth } from "./records.ts";

export interface CloseResult extends ClosedMonth {
  alreadyClosed: boolean;
}

export async function closeMonth(deps: Deps, actor: Actor, month: string): Promise<CloseResult> {
  if (month >= jstMonth(deps.now())) throw new ConsoleError("month_not_closable");
  const result = await inTransaction(deps, async (tx): Promise<CloseResult> => {
    const { billing } = tx.repos;
    // Read in the unit of work: the fee rate frozen with the month is the one its settlements were computed at.
    const operator = await tx.repos.accounts.getOperator(actor.operatorId);
    if (!operator) throw new ConsoleError("not_found");
    const existing = await billing.getMonth(actor.operatorId, month);
    if (existing) return { ...existing, alreadyClosed: true };
    const { statementCount, totalYen } = await billing.writeStatements(actor.operatorId, month);
    for (const p of await billing.providerTotals(actor.operatorId, month)) {
      const fee = collectionFee(p.grossYen, operator.collectionFeeBasisPoints);
      await billing.insertSettlement({
        operatorId: actor.operatorId,
        month,
        providerId: p.providerId,
        providerName: p.providerName,
        recordsCollected: p.recordsCollected,
        reversals: p.reversals,
        uncollected: p.uncollected,
        grossYen: p.grossYen,
        collectionFeeYen: fee,
        netPayableYen: p.grossYen - fee,
        status: "pending",
      });
    }
    const closed: ClosedMonth = {
      month,
      closedAt: tx.now().toISOString(),
      closedBy: actor.loginId,
      collectionFeeBasisPoints: operator.collectionFeeBasisPoints,
      statementCount,
      totalYen,
    };
    await billing.recordMonth(actor.operatorId, closed);
    await audit(tx, actor, "billing.close", {
      detail: `${month}: 請求書${statementCount}件 合計${totalYen}円`,
    });
    return { ...closed, alreadyClosed: false };
  });
  deps.log("info", "month closed", {
    operatorId: actor.operatorId,
    month,
    statements: result.statementCount,
  });
  return result;
}
