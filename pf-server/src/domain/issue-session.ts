/**
 * @module Creates a session for a viewer on a terminal and answers with the token pair. The refresh token is
 * stored hashed and bound to the terminal; the access token names the session so logout revokes it at once.
 */
import type { Acr } from "@catv/contracts";
import { addSeconds, monthOf } from "../platform/clock.ts";
import { randomId, sha256Hex } from "../platform/ids.ts";
import type { SideEffects } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** The absolute session lifetime when the site has not set one (`Site.sessionLifetimeDays`). */
export const DEFAULT_SESSION_LIFETIME_DAYS = 30;

/**
 * When a session that began at `createdAt` on a terminal ends whatever its refreshes, by the policy of the
 * terminal's site (an operator sets it for its STBs).
 */
export async function sessionEndsAt(ctx: PfContext, terminalId: string, createdAt: Date): Promise<Date> {
  const terminal = await ctx.store.tenants.getTerminal(terminalId);
  const site = terminal && (await ctx.store.tenants.getSite(terminal.siteId));
  return addSeconds(createdAt, (site?.sessionLifetimeDays ?? DEFAULT_SESSION_LIFETIME_DAYS) * 86400);
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

/** A session of the account `cableId` (the cable ID: portal sessions are CATV's) on this terminal. */
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
      operatorId: scope.tenantId,
      terminalId: scope.terminalId,
      acr,
      siteKind: scope.siteKind,
      refreshTokenHash: sha256Hex(refreshToken),
      refreshExpiresAt: refreshExpiry(
        ctx,
        now,
        await sessionEndsAt(ctx, scope.terminalId, now),
      ).toISOString(),
      revokedAt: null,
      createdAt: now.toISOString(),
    },
    {
      ...extra,
      meters: [...(extra.meters ?? []), { tenantId: scope.tenantId, month: monthOf(now), metric }],
      audit: [
        ...(extra.audit ?? []),
        {
          event,
          outcome: "success",
          actorKind: "terminal",
          actorId: scope.terminalId,
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId: cableId,
          requestId: scope.requestId,
        },
      ],
    },
  );
  const accessToken = await ctx.tokens.signAccessToken(
    { sub: cableId, sid: sessionId, acr, op: scope.tenantId, tid: scope.terminalId },
    now,
  );
  return { accessToken, refreshToken, expiresIn: ctx.tokens.accessTtlSeconds, acr, cableId };
}
