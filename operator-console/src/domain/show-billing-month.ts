/**
 * @module One closed month (請求・精算): its totals, the providers' settlements and a page of its statements,
 * searched by contract ID or address.
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export async function showBillingMonth(
  deps: Deps,
  operatorId: string,
  month: string,
  page: { q: string; offset: number; limit: number },
) {
  const { billing } = deps.repos;
  const closed = await billing.getMonth(operatorId, month);
  if (!closed) throw new ConsoleError("not_found", "この月はまだ締められていません。");
  const { rows, total } = await billing.listStatements(
    operatorId,
    month,
    page.q || undefined,
    page.limit,
    page.offset,
  );
  return {
    month: closed,
    settlements: await billing.listSettlements(operatorId, month),
    statements: rows,
    total,
  };
}
