/**
 * @module Monthly close (月次締め): freezes a billing month, writes one statement per household and one settlement
 * per provider, all in one transaction. Closing a closed month returns the earlier result and writes nothing, and the
 * statements' unique (operator, month, household) key makes double billing impossible even under a race.
 * Usage arriving later for this month is routed to the next open month (receive-pf-event.ts).
 */

import { jstMonth } from "@catv/contracts/calendar";
import { collectionFee } from "@catv/contracts/invoice-tax";
import type { ClosedMonth } from "../db/billing-repository.ts";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps } from "./context.ts";

export interface CloseResult extends ClosedMonth {
  alreadyClosed: boolean;
}

export function closeMonth(deps: Deps, actor: Actor, month: string): CloseResult {
  const { repos } = deps;
  if (month >= jstMonth(deps.now())) throw new ConsoleError("month_not_closable");
  const operator = repos.accounts.getOperator(actor.operatorId);
  if (!operator) throw new ConsoleError("not_found");
  const result = repos.transaction((): CloseResult => {
    const existing = repos.billing.getMonth(actor.operatorId, month);
    if (existing) return { ...existing, alreadyClosed: true };
    const { statementCount, totalYen } = repos.billing.writeStatements(actor.operatorId, month);
    for (const p of repos.billing.providerTotals(actor.operatorId, month)) {
      const fee = collectionFee(p.grossYen, operator.collectionFeeBasisPoints);
      repos.billing.insertSettlement({
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
      closedAt: deps.now().toISOString(),
      closedBy: actor.loginId,
      collectionFeeBasisPoints: operator.collectionFeeBasisPoints,
      statementCount,
      totalYen,
    };
    repos.billing.recordMonth(actor.operatorId, closed);
    audit(deps, actor, "billing.close", { detail: `${month}: 請求書${statementCount}件 合計${totalYen}円` });
    return { ...closed, alreadyClosed: false };
  });
  deps.log("info", "month closed", {
    operatorId: actor.operatorId,
    month,
    statements: result.statementCount,
  });
  return result;
}
