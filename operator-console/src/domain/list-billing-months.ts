/**
 * @module The billing months (月次締め): those closed; the last twelve JST months that may still be closed, newest
 * first (the month usually closed next is the one just ended); and the current month, which never closes while
 * its usage is still coming in — with the usage it has so far and the day it becomes closable.
 */
import { jstMonth, monthsBefore, nextMonth } from "@catv/contracts/calendar";
import type { Deps } from "./context.ts";
import type { ClosedMonth, ProviderMonthUsage } from "./records.ts";

export interface BillingMonths {
  months: ClosedMonth[];
  /** Newest first. */
  closable: string[];
  current: {
    month: string;
    /** The current month's usage so far, per provider. */
    usage: ProviderMonthUsage[];
    /** The JST date from which the current month can be closed. */
    closableFrom: string;
  };
}

export async function listBillingMonths(deps: Deps, operatorId: string): Promise<BillingMonths> {
  const months = await deps.repos.billing.listMonths(operatorId);
  const closed = new Set(months.map((m) => m.month));
  const current = jstMonth(deps.now());
  const closable = monthsBefore(current, 12).filter((m) => !closed.has(m));
  const usage = (await deps.repos.usage.byProviderAndMonth(operatorId)).filter((u) => u.month === current);
  return { months, closable, current: { month: current, usage, closableFrom: `${nextMonth(current)}-01` } };
}
