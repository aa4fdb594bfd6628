/**
 * @module `cable_id.updated`: the viewer's certificates were renewed or reissued (after a move, the address
 * changes), so the PF sends the new 4情報. The change waits in staff's review list beside the old values, and the
 * stored 4情報 are replaced.
 */
import type { OperatorEvent } from "@catv/contracts";
import type { Deps } from "./context.ts";

type CableIdUpdated = Extract<OperatorEvent, { type: "cable_id.updated" }>;

export async function recordCableIdUpdate(
  deps: Deps,
  operatorId: string,
  event: CableIdUpdated,
  at: string,
): Promise<void> {
  const { repos } = deps;
  const { data } = event;
  const current = await repos.cableIds.get(operatorId, data.cableId);
  await repos.cableIds.addReview(operatorId, {
    cableId: data.cableId,
    kind: data.reason,
    previousFourInfo: current?.fourInfo ?? null,
    newFourInfo: data.fourInfo,
    detail: current ? null : "未登録のケーブルIDに対する更新通知",
    receivedAt: at,
  });
  if (current) await repos.cableIds.replaceFourInfo(operatorId, data.cableId, data.fourInfo);
}
