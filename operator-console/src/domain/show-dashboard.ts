/**
 * @module The dashboard (ダッシュボード): households, cable IDs by state, the work waiting for staff, registrations
 * and logins by month, and providers' usage by month — counts only, nothing about a person.
 */

import type { Deps } from "./context.ts";
import { parseCachedFeeStatement } from "./fetch-fee-statement.ts";
import type { CableIdStatus, ProviderMonthUsage } from "./records.ts";

export interface DashboardData {
  households: number;
  cableIdCounts: Record<CableIdStatus, number>;
  openReviews: number;
  pendingDeliveries: number;
  registrations: { month: string; count: number }[];
  /** Logins per month from the PF's statements; the month in progress is provisional (counted so far). */
  logins: { month: string; count: number; provisional: boolean }[];
  usage: ProviderMonthUsage[];
}

export async function showDashboard(deps: Deps, operatorId: string): Promise<DashboardData> {
  const { repos } = deps;
  // Logins are metered by the PF; the console learns them from the PF's monthly fee statements.
  const logins = (await repos.pfSync.listFeeStatements(operatorId)).map(({ month, body }) => {
    const statement = parseCachedFeeStatement(body);
    const count = statement.lines
      .filter((l) => /login|ログイン/i.test(`${l.item} ${l.description}`))
      .reduce((n, l) => n + l.count, 0);
    return { month, count, provisional: statement.provisional };
  });
  return {
    households: await repos.households.count(operatorId),
    cableIdCounts: await repos.cableIds.countByStatus(operatorId),
    openReviews: await repos.cableIds.openReviewCount(operatorId),
    pendingDeliveries: await repos.pfSync.openLinkCount(operatorId),
    registrations: await repos.cableIds.registrationsByMonth(operatorId),
    logins,
    usage: await repos.usage.byProviderAndMonth(operatorId),
  };
}
