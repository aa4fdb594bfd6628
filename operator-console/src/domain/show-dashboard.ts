/**
 * @module The dashboard (ダッシュボード): households, cable IDs by state, the work waiting for staff, registrations
 * and logins by month, and providers' usage by month — counts only, nothing about a person.
 */

import type { Deps } from "./context.ts";
import type { FeeStatement } from "./pf-client.ts";

export interface DashboardData {
  households: number;
  cableIdCounts: ReturnType<Deps["repos"]["cableIds"]["countByStatus"]>;
  openReviews: number;
  pendingDeliveries: number;
  registrations: { month: string; count: number }[];
  logins: { month: string; count: number }[];
  usage: ReturnType<Deps["repos"]["usage"]["byProviderAndMonth"]>;
}

export function showDashboard(deps: Deps, operatorId: string): DashboardData {
  const { repos } = deps;
  // Logins are metered by the PF; the console learns them from the PF's monthly fee statements.
  const logins = repos.pfSync.listFeeStatements(operatorId).map(({ month, body }) => {
    const statement = JSON.parse(body) as FeeStatement;
    const count = statement.lines
      .filter((l) => /login|ログイン/i.test(`${l.item} ${l.description}`))
      .reduce((n, l) => n + l.count, 0);
    return { month, count };
  });
  return {
    households: repos.households.count(operatorId),
    cableIdCounts: repos.cableIds.countByStatus(operatorId),
    openReviews: repos.cableIds.openReviewCount(operatorId),
    pendingDeliveries: repos.pfSync.openLinkCount(operatorId),
    registrations: repos.cableIds.registrationsByMonth(operatorId),
    logins,
    usage: repos.usage.byProviderAndMonth(operatorId),
  };
}
