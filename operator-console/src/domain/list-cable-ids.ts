/**
 * @module Cable IDs of the operator (ケーブルID一覧), all or by state — the linking queue (紐づけ待ち) is the pending ones.
 */

import type { Deps } from "./context.ts";
import type { CableIdRecord, CableIdStatus } from "./records.ts";

export function listCableIds(
  deps: Deps,
  operatorId: string,
  status: CableIdStatus | undefined,
): Promise<CableIdRecord[]> {
  return deps.repos.cableIds.list(operatorId, { status, limit: 500 });
}
