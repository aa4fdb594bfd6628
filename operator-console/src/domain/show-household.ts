/**
 * @module One household (世帯): its contract and members, the cable IDs linked to it and its statements.
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export function findHousehold(deps: Deps, operatorId: string, householdId: number) {
  const household = deps.repos.households.get(operatorId, householdId);
  if (!household) throw new ConsoleError("not_found", "世帯が見つかりません。");
  return household;
}

export function showHousehold(deps: Deps, operatorId: string, householdId: number) {
  const household = findHousehold(deps, operatorId, householdId);
  return {
    household,
    cableIds: deps.repos.cableIds.list(operatorId, { householdId: household.id, limit: 100 }),
    statements: deps.repos.billing.statementsForHousehold(operatorId, household.id),
  };
}
