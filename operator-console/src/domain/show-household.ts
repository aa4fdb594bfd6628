/**
 * @module One household (世帯): its contract and members, the cable IDs linked to it and its statements.
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export async function findHousehold(deps: Deps, operatorId: string, householdId: number) {
  const household = await deps.repos.households.get(operatorId, householdId);
  if (!household) throw new ConsoleError("not_found", "世帯が見つかりません。");
  return household;
}

export async function showHousehold(deps: Deps, operatorId: string, householdId: number) {
  const household = await findHousehold(deps, operatorId, householdId);
  return {
    household,
    cableIds: await deps.repos.cableIds.list(operatorId, { householdId: household.id, limit: 100 }),
    statements: await deps.repos.billing.statementsForHousehold(operatorId, household.id),
  };
}
