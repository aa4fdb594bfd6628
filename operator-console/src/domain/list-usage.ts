/**
 * @module Service usage (サービス利用実績) as providers reported it through the PF, filtered by household, provider
 * and billing month, with the providers to filter by.
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export interface UsageFilter {
  householdId?: number | undefined;
  providerId?: string | undefined;
  month?: string | undefined;
}

export async function listUsage(deps: Deps, operatorId: string, filter: UsageFilter) {
  const { repos } = deps;
  if (filter.householdId !== undefined && !(await repos.households.get(operatorId, filter.householdId))) {
    throw new ConsoleError("not_found", "世帯が見つかりません。");
  }
  const rows = await repos.usage.list(operatorId, {
    ...(filter.householdId !== undefined ? { householdId: filter.householdId } : {}),
    ...(filter.providerId ? { providerId: filter.providerId } : {}),
    ...(filter.month ? { month: filter.month } : {}),
    limit: 500,
  });
  return { rows, providers: await repos.usage.providers(operatorId) };
}
