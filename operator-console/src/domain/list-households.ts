/**
 * @module The household register (世帯（契約）): a page of households found by contract ID, address or member name.
 */
import type { Deps } from "./context.ts";

export function listHouseholds(
  deps: Deps,
  operatorId: string,
  search: { q: string; status: string; limit: number; offset: number },
) {
  return deps.repos.households.search(operatorId, search);
}
