/**
 * @module `cable_id.revoked`: the PF found one of the viewer's certificates revoked (a card reported lost, say).
 * The cable ID is marked revoked, and staff see which certificate and why in the review list.
 */
import type { OperatorEvent } from "@catv/contracts";
import type { Deps } from "./context.ts";

type CableIdRevoked = Extract<OperatorEvent, { type: "cable_id.revoked" }>;

export async function recordCableIdRevocation(
  deps: Deps,
  operatorId: string,
  event: CableIdRevoked,
  at: string,
): Promise<void> {
  const { repos } = deps;
  const { data } = event;
  await repos.cableIds.revoke(operatorId, data.cableId, data.revokedAt);
  await repos.cableIds.addReview(operatorId, {
    cableId: data.cableId,
    kind: "revoked",
    previousFourInfo: null,
    newFourInfo: null,
    detail: `${data.certificate === "signature" ? "署名用" : "利用者証明用"}電子証明書の失効（${data.reason}）`,
    receivedAt: at,
  });
}
