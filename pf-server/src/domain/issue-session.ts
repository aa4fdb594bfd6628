/**
 * @module Creates a session for a viewer on a terminal and answers with the token pair. The refresh token is
 * stored hashed and bound to the terminal; the access token names the session so logout revokes it at once.
 */
import type { Acr } from "@catv/contracts";
import { addSeconds, monthOf } from "../platform/clock.ts";
import { randomId, sha256Hex } from "../platform/ids.ts";
import type { SideEffects } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** The absolute session lifetime when the operator has not set one (`Operator.sessionLifetimeDays`). */
export const DEFAULT_SESSION_LIFETIME_DAYS = 30;

/** When a session that began at `createdAt` ends whatever its refreshes, by its operator's policy. */
export async function sessionEndsAt(ctx: PfContext, operatorId: string, createdAt: Date): Promise<Date> {
  const operator = await ctx.store.tenants.getOperator(operatorId);
  return addSeconds(createdAt, (operator?.sessionLifetimeDays ?? DEFAULT_SESSION_LIFETIME_DAYS) * 86400);
}

/** A refresh token lives `refreshTtlSeconds` from `now` (sliding), but never past the session's end. */
export function refreshExpiry(ctx: PfContext, now: Date, sessionEnd: Date): Date {
  const sliding = addSeconds(now, ctx.tokens.refreshTtlSeconds);
  return sliding < sessionEnd ? sliding : sessionEnd;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  acr: Acr;
  cableId: string;
}

export async function issueSession(
  ctx: PfContext,
  scope: TerminalScope,
  cableId: string,
  acr: Acr,
  metric: string,
  event: string,
  extra: SideEffects = {},
): Promise<TokenPair> {
  const now = ctx.clock.now();
  const refreshToken = ctx.tokens.newRefreshToken();
  const sessionId = randomId("ses");
  await ctx.store.sessions.createSession(
    {
      id: sessionId,
      cableId,
      operatorId: scope.operatorId,
      terminalId: scope.terminalId,
      acr,
      refreshTokenHash: sha256Hex(refreshToken),
      refreshExpiresAt: refreshExpiry(
        ctx,
        now,
        await sessionEndsAt(ctx, scope.operatorId, now),
      ).toISOString(),
      revokedAt: null,
      createdAt: now.toISOString(),
    },
    {
      ...extra,
      meters: [...(extra.meters ?? []), { operatorId: scope.operatorId, month: monthOf(now), metric }],
      audit: [
        ...(extra.audit ?? []),
        {
          event,
          outcome: "success",
          actorKind: "terminal",
          actorId: scope.terminalId,
          operatorId: scope.operatorId,
          terminalId: scope.terminalId,
          cableId,
          requestId: scope.requestId,
        },
      ],
    },
  );
  const accessToken = await ctx.tokens.signAccessToken(
    { sub: cableId, sid: sessionId, acr, op: scope.operatorId, tid: scope.terminalId },
    now,
  );
  return { accessToken, refreshToken, expiresIn: ctx.tokens.accessTtlSeconds, acr, cableId };
}
