/**
 * @module Terminal authentication (tv-api.ts): `X-Terminal-Assertion` is a compact JWS by the STB's registered
 * ES256 key. Checked in order: header (alg, typ, kid) → terminal registered and active → signature → iss/aud →
 * htm/htu bind it to this request (as DPoP does, RFC 9449 §4.3) → iat within ±120 s → jti never seen before.
 */

import { createPublicKey, type JsonWebKey, type KeyObject, verify } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { TERMINAL_ASSERTION_AUDIENCE, TERMINAL_ASSERTION_HEADER } from "../../contracts/index.ts";
import { fail } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

const MAX_SKEW_SECONDS = 120;

/** jti replay cache; entries live past the acceptance window only. In-memory: one PF process per database. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweepAtMs = 0;
  /** Entries held, expired ones included until the next sweep. */
  get size(): number {
    return this.seen.size;
  }
  /** False when the key was seen before. */
  remember(key: string, expiresAtMs: number, nowMs: number): boolean {
    // Expired entries are swept at most once a second: at a sustained rate every entry is inside the window,
    // and a sweep on each request would walk all of them each time. The lookup below ignores expired entries.
    if (this.seen.size > 10_000 && nowMs >= this.nextSweepAtMs) {
      this.nextSweepAtMs = nowMs + 1000;
      for (const [k, exp] of this.seen) if (exp < nowMs) this.seen.delete(k);
    }
    const existing = this.seen.get(key);
    if (existing !== undefined && existing >= nowMs) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }
}

/** Imported keys by terminal and JWK (a re-registered key gets a new entry): importing costs more than verifying. */
const importedKeys = new Map<string, KeyObject>();
function terminalKey(terminalId: string, jwk: object): KeyObject {
  const cacheKey = `${terminalId}:${JSON.stringify(jwk)}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
      throw new Error("the registered key is not a P-256 key");
    }
    if (importedKeys.size > 50_000) importedKeys.clear();
    importedKeys.set(cacheKey, key);
  }
  return key;
}

const BASE64URL_ES256_SIGNATURE = /^[A-Za-z0-9_-]{86}$/; // 64 bytes, unpadded (RFC 7515 §2)

/**
 * The JWS signature check of RFC 7515 §5.2 for ES256, with node:crypto's one-shot `verify`: jose verifies through
 * WebCrypto, whose job dispatch cost about twice as much on the login path (profile of `npm run bench`). The
 * signature is R ‖ S (RFC 7518 §3.4); the header was already required to say alg ES256.
 */
function es256SignatureValid(token: string, key: KeyObject): boolean {
  const parts = token.split(".");
  if (parts.length !== 3 || !BASE64URL_ES256_SIGNATURE.test(parts[2] ?? "")) return false;
  return verify(
    "sha256",
    Buffer.from(`${parts[0]}.${parts[1]}`, "ascii"),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(parts[2] ?? "", "base64url"),
  );
}

/** The registered claims jose's jwtVerify checked (RFC 7519 §4.1): issuer, audience, and exp/nbf when present. */
function claimsValid(payload: Record<string, unknown>, issuer: string, nowSeconds: number): boolean {
  if (payload.iss !== issuer) return false;
  const aud = payload.aud;
  if (
    !(
      aud === TERMINAL_ASSERTION_AUDIENCE ||
      (Array.isArray(aud) && aud.includes(TERMINAL_ASSERTION_AUDIENCE))
    )
  )
    return false;
  if (payload.exp !== undefined && !(typeof payload.exp === "number" && payload.exp > nowSeconds))
    return false;
  if (payload.nbf !== undefined && !(typeof payload.nbf === "number" && payload.nbf <= nowSeconds))
    return false;
  return true;
}

const denied = (why: string) => fail("terminal_unauthorized", `Terminal assertion refused: ${why}.`);

export const terminalAuth = (replay: ReplayCache) =>
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
    const now = ctx.clock.now();
    let payload: Record<string, unknown>;
    try {
      // No JWS extensions are understood, so any `crit` must be refused (RFC 7515 §4.1.11), and the payload
      // must be the base64url of the claims (no RFC 7797 `b64: false`).
      if (header.crit !== undefined || header.b64 !== undefined) throw new Error("unsupported header");
      if (!es256SignatureValid(token, terminalKey(terminal.id, terminal.publicJwk)))
        throw new Error("signature");
      payload = decodeJwt(token);
      if (!claimsValid(payload, terminal.id, Math.floor(now.getTime() / 1000))) throw new Error("claims");
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
    const nowMs = now.getTime();
    if (!replay.remember(`${terminal.id}:${payload.jti}`, (iat + 2 * MAX_SKEW_SECONDS) * 1000, nowMs)) {
      throw denied("replayed (jti seen before)");
    }
    c.set("terminal", {
      requestId: c.get("requestId"),
      operatorId: terminal.operatorId,
      terminalId: terminal.id,
    });
    await next();
  });
