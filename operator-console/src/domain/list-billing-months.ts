/**
 * @module The billing months (月次締め): those closed, and the last twelve JST months that may still be closed
 * (the current month never: its usage is still coming in).
 */
import { jstMonth, monthsBefore } from "@catv/contracts/calendar";
import type { Deps } from "./context.ts";

export async function listBillingMonths(deps: Deps, operatorId: string) {
  const months = await deps.repos.billing.listMonths(operatorId);
  const closed = new Set(months.map((m) => m.month));
  const closable = monthsBefore(jstMonth(deps.now()), 12)
    .filter((m) => !closed.has(m))
    .reverse();
  return { months, closable };
}
