/**
 * @module Session life cycle: authenticate a bearer token, step up a PIN-less session with the PIN, rotate the
 * refresh token (single use, bound to the terminal), and log out.
 */

import type { Acr, pinLoginRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { addSeconds } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { sha256Hex } from "../platform/ids.ts";
import type { Session } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
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
  input: z.infer<typeof pinLoginRequestSchema>,
): Promise<TokenPair> {
  const viewer = await authenticateWithPin(ctx, scope, input, "step-up");
  if (viewer.cableId !== current.cableId)
    throw fail("forbidden", "The card belongs to another viewer than the session.");
  const now = ctx.clock.now();
  await ctx.store.sessions.revokeSession(current.session.id, now.toISOString());
  return issueSession(ctx, scope, viewer.cableId, "urn:catv:acr:pin", METRICS.stepUps, "session.step-up");
}

export async function refreshSession(
  ctx: PfContext,
  scope: TerminalScope,
  refreshToken: string,
): Promise<TokenPair> {
  const hash = sha256Hex(refreshToken);
  const session = await ctx.store.sessions.findSessionByRefreshHash(hash);
  if (!session) throw fail("session_revoked", "The refresh token is unknown or was already used.");
  if (session.revokedAt) throw fail("session_revoked");
  if (session.terminalId !== scope.terminalId)
    throw fail("session_revoked", "The refresh token belongs to another terminal.");
  const now = ctx.clock.now();
  if (new Date(session.refreshExpiresAt) <= now) throw fail("session_expired");
  const next = ctx.tokens.newRefreshToken();
  const rotated = await ctx.store.sessions.rotateRefreshToken(
    session.id,
    hash,
    sha256Hex(next),
    addSeconds(now, ctx.tokens.refreshTtlSeconds).toISOString(),
  );
  if (!rotated) throw fail("session_revoked", "The refresh token was already used.");
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
