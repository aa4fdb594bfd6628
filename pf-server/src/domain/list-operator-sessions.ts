/**
 * @module The operator's newest viewer sessions with their source — the STB's card reader or the viewer's phone —
 * for the console's staff (a phone login is `urn:catv:acr:pin-phone`; every other session began at the STB's reader).
 */
import { OPERATOR_SESSIONS_LIMIT, type OperatorSession } from "@catv/contracts";
import type { PfContext } from "./context.ts";

export async function listOperatorSessions(ctx: PfContext, operatorId: string): Promise<OperatorSession[]> {
  const sessions = await ctx.store.crossDevice.listSessionsOfOperator(operatorId, OPERATOR_SESSIONS_LIMIT);
  return sessions.map((s) => ({
    cableId: s.cableId,
    terminalId: s.terminalId,
    acr: s.acr,
    source: s.acr === "urn:catv:acr:pin-phone" ? "phone" : "stb-reader",
    startedAt: s.createdAt,
    endedAt: s.revokedAt,
  }));
}
