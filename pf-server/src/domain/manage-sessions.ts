/**
 * @module Session life cycle: authenticate a bearer token, step up a PIN-less session with the PIN, rotate the
 * refresh token (single use, bound to the terminal), and log out.
 */

import type { Acr, stepUpRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import { sha256Hex } from "../platform/ids.ts";
import type { Session } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, refreshExpiry, sessionEndsAt, type TokenPair } from "./issue-session.ts";
import { authenticateWithPin } from "./login-with-pin.ts";
import { METRICS } from "./metering.ts";

export interface ViewerSession {
  session: Session;
  cableId: string;
  acr: Acr;
}

/** Bearer token → live session of this terminal. */
export async function authenticateViewer(
  ctx: PfContext,
  scope: TerminalScope,
  accessToken: string,
): Promise<ViewerSession> {
  const claims = await ctx.tokens.verifyAccessToken(accessToken, ctx.clock.now());
  const session = await ctx.store.sessions.getSession(claims.sid);
  if (!session) throw fail("unauthorized", "The access token is not valid.");
  if (session.revokedAt) throw fail("session_revoked");
  // Tokens are bound to the STB that logged in: a token lifted from one box is useless on another.
  if (session.terminalId !== scope.terminalId)
    throw fail("unauthorized", "The access token belongs to another terminal.");
  return { session, cableId: session.cableId, acr: session.acr };
}

export async function stepUpSession(
  ctx: PfContext,
  scope: TerminalScope,
  current: ViewerSession,
  input: z.infer<typeof stepUpRequestSchema>,
): Promise<TokenPair> {
  const { viewer } = await authenticateWithPin(ctx, scope, input, "step-up");
  if (viewer.cableId !== current.cableId)
    throw fail("forbidden", "The card belongs to another viewer than the session.");
  const now = ctx.clock.now();
  await ctx.store.sessions.revokeSession(current.session.id, now.toISOString());
  return issueSession(ctx, scope, viewer.cableId, "urn:catv:acr:pin", METRICS.stepUps, "session.step-up");
}

/**
 * Rotates the refresh token. A token presented again after its rotation is a copy (stolen, or replayed by a
 * rogue STB): the whole session is revoked, audited, and the caller gets `refresh_token_reused` (RFC 9700
 * §4.14.2). No refresh extends a session past its operator's absolute lifetime.
 */
export async function refreshSession(
  ctx: PfContext,
  scope: TerminalScope,
  refreshToken: string,
): Promise<TokenPair> {
  const hash = sha256Hex(refreshToken);
  const now = ctx.clock.now();
  const session = await ctx.store.sessions.findSessionByRefreshHash(hash);
  if (!session) {
    const reused = await ctx.store.sessions.findSessionByRetiredRefreshHash(hash);
    if (reused) return revokeForReuse(ctx, scope, reused, now);
    throw fail("session_revoked", "The refresh token is unknown or was already used.");
  }
  if (session.revokedAt) throw fail("session_revoked");
  if (session.terminalId !== scope.terminalId)
    throw fail("session_revoked", "The refresh token belongs to another terminal.");
  if (new Date(session.refreshExpiresAt) <= now) throw fail("session_expired");
  const sessionEnd = await sessionEndsAt(ctx, session.operatorId, new Date(session.createdAt));
  if (sessionEnd <= now)
    throw fail("session_expired", "The session reached its operator's absolute lifetime: log in again.");
  const next = ctx.tokens.newRefreshToken();
  const rotated = await ctx.store.sessions.rotateRefreshToken(
    session.id,
    hash,
    sha256Hex(next),
    refreshExpiry(ctx, now, sessionEnd).toISOString(),
    now.toISOString(),
  );
  // Lost a race with another use of the same token: that is a second use too.
  if (!rotated) return revokeForReuse(ctx, scope, session, now);
  const accessToken = await ctx.tokens.signAccessToken(
    {
      sub: session.cableId,
      sid: session.id,
      acr: session.acr,
      op: session.operatorId,
      tid: session.terminalId,
    },
    now,
  );
  return {
    accessToken,
    refreshToken: next,
    expiresIn: ctx.tokens.accessTtlSeconds,
    acr: session.acr,
    cableId: session.cableId,
  };
}

async function revokeForReuse(
  ctx: PfContext,
  scope: TerminalScope,
  session: Session,
  now: Date,
): Promise<never> {
  await ctx.store.sessions.revokeSession(session.id, now.toISOString(), {
    audit: [
      {
        event: "session.revoked",
        outcome: "success",
        code: "refresh_token_reused",
        actorKind: "system",
        operatorId: session.operatorId,
        terminalId: scope.terminalId,
        cableId: session.cableId,
        requestId: scope.requestId,
      },
    ],
  });
  throw fail("refresh_token_reused");
}

export async function endSession(
  ctx: PfContext,
  scope: TerminalScope,
  current: ViewerSession,
): Promise<void> {
  await ctx.store.sessions.revokeSession(current.session.id, ctx.clock.now().toISOString(), {
    audit: [
      {
        event: "session.logout",
        outcome: "success",
        actorKind: "viewer",
        operatorId: scope.operatorId,
        terminalId: scope.terminalId,
        cableId: current.cableId,
        requestId: scope.requestId,
      },
    ],
  });
}
