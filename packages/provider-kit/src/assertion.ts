/**
 * @module Verifies the PF's per-request assertion (provider-api.ts): an ES256 JWT signed with a key from
 * `<PF_URL>/.well-known/jwks.json`, issuer = the PF's URL, audience = this provider's ID, short expiry, and an
 * `acr` that says whether the viewer used the PIN. The steps follow RFC 7519 §7.2 and run in that order.
 */
import {
  isPinLevel,
  PF_ASSERTION_ISSUER_PATH,
  PF_JWKS_PATH,
  type PfAssertionClaims,
  pfAssertionClaimsSchema,
} from "@catv/contracts";
import { CodedError, MemoryReplayStore, type ReplayStore } from "@catv/service-kit";
import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { z } from "zod";
import { kitFail } from "./provider-errors.ts";

export const ACR_PIN = "urn:catv:acr:pin";

/** What every PF assertion carries, whatever else its contract adds: the replay guard needs `jti` and `exp`. */
export interface BaseAssertionClaims {
  jti: string;
  exp: number;
}

export interface AssertionVerifierOptions<C extends BaseAssertionClaims = PfAssertionClaims> {
  /** The PF's base URL (`PF_URL`); also the expected `iss`. */
  pfUrl: string;
  /** This provider's ID, the expected `aud` (`prov-facility`, `prov-healthcare`). */
  providerId: string;
  /** Key source; defaults to the PF's JWKS, fetched once and cached by jose (refetched on an unknown `kid`). */
  keys?: JWTVerifyGetKey;
  /** Seconds of clock skew accepted on `exp`/`iat` (RFC 7519 §4.1.4 allows "a small leeway"). */
  clockToleranceSeconds?: number;
  /**
   * Where used `jti`s are kept until their assertion expires, so a captured assertion cannot be replayed within its
   * minute of life (RFC 7519 §4.1.7; the PF signs a fresh one for every request it forwards). In memory by default:
   * one provider process; a provider running several would keep them in its database.
   */
  replayStore?: ReplayStore;
  /**
   * The contract of the claims: the provider API's (`pfAssertionClaimsSchema`) unless the assertion is of another
   * kind — the insurer's eligibility assertion (`eligibilityAssertionClaimsSchema`) carries the request itself.
   */
  claimsSchema?: z.ZodType<C>;
  /**
   * Refuses an assertion issued longer ago than this (seconds, from `iat`), whatever its `exp` says: a PF assertion
   * lives a minute, so one claiming a longer life was not made by the PF's rules. Unset: only `exp` is checked.
   */
  maxAgeSeconds?: number;
}

export type AssertionVerifier<C extends BaseAssertionClaims = PfAssertionClaims> = (
  token: string,
) => Promise<C>;

/** The PF's issuer string: its base URL without a trailing slash, plus the (empty) issuer path. */
export function pfIssuer(pfUrl: string): string {
  return pfUrl.replace(/\/+$/, "") + PF_ASSERTION_ISSUER_PATH;
}

/**
 * @example const verify = createAssertionVerifier({ pfUrl, providerId: "prov-facility" });
 *          const claims = await verify(token); // claims.sub is the viewer's pairwise ID
 */
export function createAssertionVerifier<C extends BaseAssertionClaims = PfAssertionClaims>(
  options: AssertionVerifierOptions<C>,
): AssertionVerifier<C> {
  const issuer = pfIssuer(options.pfUrl);
  const claimsSchema = (options.claimsSchema ?? pfAssertionClaimsSchema) as z.ZodType<C>;
  const keys =
    options.keys ?? createRemoteJWKSet(new URL(issuer + PF_JWKS_PATH), { cacheMaxAge: 10 * 60_000 });
  const replayStore = options.replayStore ?? new MemoryReplayStore();
  return async function verifyPfAssertion(token) {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ["ES256"],
        issuer,
        audience: options.providerId,
        requiredClaims: ["sub", "exp", "iat", "jti", "acr", "svc"],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        ...(options.maxAgeSeconds === undefined ? {} : { maxTokenAge: options.maxAgeSeconds }),
      }));
    } catch (err) {
      throw mapJoseError(err);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw kitFail("assertion_invalid", "The PF assertion's claims are malformed.");
    // Kept a minute past expiry: jose accepts an expired token within the clock tolerance.
    const firstUse = await replayStore.remember(claims.data.jti, (claims.data.exp + 60) * 1000, Date.now());
    if (!firstUse) {
      throw kitFail("assertion_replayed");
    }
    return claims.data;
  };
}

function mapJoseError(err: unknown): CodedError {
  if (err instanceof errors.JWTExpired) return kitFail("assertion_expired");
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return kitFail("assertion_wrong_audience");
    if (err.claim === "iss") return kitFail("assertion_wrong_issuer");
    return kitFail("assertion_invalid", `The PF assertion's "${err.claim}" claim is invalid.`);
  }
  if (err instanceof errors.JWKSTimeout || (err instanceof TypeError && /fetch/i.test(err.message))) {
    return kitFail("pf_keys_unavailable");
  }
  // Bad signature, unknown key, wrong algorithm, not a JWS at all: one code, no detail to an attacker.
  return kitFail("assertion_invalid");
}

export interface AssertionVariables {
  assertion: PfAssertionClaims;
}

/**
 * Requires `Authorization: Bearer <PF assertion>` and exposes the verified claims as `c.get("assertion")`.
 * @example app.use("/bookings/*", requirePfAssertion(verify));
 */
export function requirePfAssertion(
  verify: AssertionVerifier,
): MiddlewareHandler<{ Variables: AssertionVariables }> {
  return async function requirePfAssertionMiddleware(c, next) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw kitFail("assertion_missing");
    c.set("assertion", await verify(match[1]!));
    await next();
  };
}

/**
 * The step-up answer of provider-api.ts: an action that costs money needs the viewer's PIN (acr = pin, or pin-phone
 * when the PIN was entered on the viewer's phone);
 * the PF turns this 403 into its own `step_up_required` and the TV asks for the PIN.
 */
export function assertPinLevel(claims: PfAssertionClaims, action: string): void {
  if (!isPinLevel(claims.acr)) {
    throw new CodedError(
      "step_up_required",
      403,
      `${action}には暗証番号（利用者証明用電子証明書）による認証が必要です。`,
    );
  }
}
