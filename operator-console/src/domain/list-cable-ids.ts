/**
 * @module Cable IDs of the operator (ケーブルID一覧), all or by state — the linking queue (紐づけ待ち) is the pending ones.
 */

import type { Deps } from "./context.ts";
import type { CableIdRecord, CableIdStatus } from "./records.ts";

export function listCableIds(
  deps: Deps,
  operatorId: string,
  filter: { status?: CableIdStatus | undefined; q?: string },
): Promise<CableIdRecord[]> {
  return deps.repos.cableIds.list(operatorId, { ...filter, limit: 500 });
}
