/**
 * @module Terminal authentication (tv-api.ts): `X-Terminal-Assertion` is a compact JWS by the terminal's registered
 * ES256 key (an STB, a reception terminal). Checked in order: header (alg, typ, kid) → terminal registered and
 * active, at a known site of its owner → signature → iss/aud →
 * htm/htu bind it to this request (as DPoP does, RFC 9449 §4.3) → iat within ±120 s → jti never seen before
 * (remembered in the database, so neither a restart nor a second PF instance reopens the window).
 */

import { TERMINAL_ASSERTION_AUDIENCE, TERMINAL_ASSERTION_HEADER } from "@catv/contracts";
import { createMiddleware } from "hono/factory";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { recordTerminalUse } from "../../domain/record-terminal-use.ts";
import { fail } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

const MAX_SKEW_SECONDS = 120;

/**
 * The jti replay guard the middleware needs: atomic "remember unless seen" with an expiry. The PF's database
 * implements it (`store.replayGuard`), so a replay is refused after a restart and on another instance as well.
 */
export interface JtiReplayGuard {
  rememberIfNew(key: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/** Imported keys by terminal and JWK (a re-registered key gets a new entry): importing costs more than verifying. */
const importedKeys = new Map<string, Awaited<ReturnType<typeof importJWK>>>();
async function terminalKey(terminalId: string, jwk: object) {
  const cacheKey = `${terminalId}:${JSON.stringify(jwk)}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = await importJWK({ ...jwk, alg: "ES256" } as Parameters<typeof importJWK>[0], "ES256");
    if (importedKeys.size > 50_000) importedKeys.clear();
    importedKeys.set(cacheKey, key);
  }
  return key;
}

const denied = (why: string) => fail("terminal_unauthorized", `Terminal assertion refused: ${why}.`);

export const terminalAuth = (replay: JtiReplayGuard) =>
  createMiddleware<PfEnv>(async (c, next) => {
    const ctx = c.get("ctx");
    const token = c.req.header(TERMINAL_ASSERTION_HEADER);
    if (!token) throw denied("missing");
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw denied("malformed");
    }
    if (header.alg !== "ES256" || header.typ !== "terminal+jwt" || typeof header.kid !== "string") {
      throw denied("header must be alg ES256, typ terminal+jwt, kid = terminal ID");
    }
    const terminal = await ctx.store.tenants.getTerminal(header.kid);
    if (terminal?.status !== "active") throw denied("unknown or disabled terminal");
    const site = await ctx.store.tenants.getSite(terminal.siteId);
    if (!site || site.ownerId !== terminal.ownerId) throw denied("the terminal's site is unknown");
    const now = ctx.clock.now();
    let payload: Record<string, unknown>;
    try {
      const key = await terminalKey(terminal.id, terminal.publicJwk);
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["ES256"],
        issuer: terminal.id,
        audience: TERMINAL_ASSERTION_AUDIENCE,
        currentDate: now,
      }));
    } catch {
      throw denied("bad signature or claims");
    }
    const url = new URL(c.req.url);
    if (payload.htm !== c.req.method) throw denied("htm does not match the request method");
    if (payload.htu !== url.pathname + url.search) throw denied("htu does not match the request path");
    const iat = typeof payload.iat === "number" ? payload.iat : Number.NaN;
    const skew = Math.abs(now.getTime() / 1000 - iat);
    if (!(skew <= MAX_SKEW_SECONDS)) throw denied("iat outside ±120 s");
    if (typeof payload.jti !== "string" || payload.jti.length < 8) throw denied("jti missing");
    // Kept past the last moment the assertion could still pass the iat check (iat + 120 s), with margin.
    const keepUntil = new Date((iat + 2 * MAX_SKEW_SECONDS) * 1000);
    if (!(await replay.rememberIfNew(`${terminal.id}:${payload.jti}`, keepUntil, now))) {
      throw denied("replayed (jti seen before)");
    }
    c.set("terminal", {
      requestId: c.get("requestId"),
      tenantId: terminal.ownerId,
      terminalId: terminal.id,
      siteId: site.id,
      siteKind: site.kind,
      channel: site.channel,
    });
    await recordTerminalUse(ctx, terminal.id).catch(() =>
      ctx.logger.log("warn", "terminal last use not recorded", { terminalId: terminal.id }),
    );
    await next();
  });
