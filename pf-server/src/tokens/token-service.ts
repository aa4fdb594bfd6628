/**
 * @module Access tokens (ES256 JWT with `acr`, bound to a session row so logout revokes them at once),
 * opaque refresh tokens (stored hashed, rotated on every use), provider assertions (provider-api.ts) and the
 * eligibility assertions sent to insurers (medical/eligibility.ts).
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  type Acr,
  type EligibilityAssertionClaims,
  MEDICAL_ELIGIBILITY_SERVICE,
  REGISTRATION_RECEIPT_TTL_SECONDS,
  type SiteKind,
} from "@catv/contracts";
import { type JWK, errors as joseErrors, jwtVerify } from "jose";
import type { SigningKeyRing } from "../keys/signing-key-ring.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";

export interface AccessClaims {
  sub: string;
  sid: string;
  acr: Acr;
  op: string;
  tid: string;
}

export interface TokenService {
  issuer: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  signAccessToken(claims: AccessClaims, now: Date): Promise<string>;
  verifyAccessToken(token: string, now: Date): Promise<AccessClaims>;
  newRefreshToken(): string;
  signProviderAssertion(
    input: { providerId: string; pairwiseId: string; acr: Acr; serviceId: string; siteKind: SiteKind },
    now: Date,
  ): Promise<string>;
  /**
   * The eligibility request to an insurer (medical/eligibility.ts): the assertion is the request, with `sub` the
   * insurer's own 共通的PFID for the patient.
   */
  signEligibilityAssertion(
    input: Omit<EligibilityAssertionClaims, "iss" | "svc" | "iat" | "exp" | "jti">,
    now: Date,
  ): Promise<string>;
  pairwiseId(providerId: string, cableId: string): string;
  /** A receipt of a registration for the registering terminal (tv-api.ts `registrationResponseSchema.receipt`). */
  signRegistrationReceipt(claims: RegistrationReceiptClaims, now: Date): Promise<string>;
  /** Throws `registration_receipt_expired` or `registration_receipt_invalid`. */
  verifyRegistrationReceipt(receipt: string, now: Date): Promise<RegistrationReceiptClaims>;
  /** The keys a verifier needs at `now`, a pre-published successor and retired keys still in use included. */
  jwks(now: Date): { keys: JWK[] };
}

export interface RegistrationReceiptClaims {
  /** The cable ID registered. */
  sub: string;
  op: string;
  /** The terminal that registered. */
  tid: string;
}

export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const PROVIDER_ASSERTION_TTL_SECONDS = 60;
const ACCESS_AUDIENCE = "catv-pf-tv";
/** Its own audience and type, so a receipt is never taken for an access token, nor the other way round. */
const RECEIPT_AUDIENCE = "catv-pf-registration-status";
const RECEIPT_TYPE = "registration-receipt+jwt";

export function createTokenService(options: {
  issuer: string;
  keys: SigningKeyRing;
  pairwiseSecret: Buffer;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
}): TokenService {
  const { keys } = options;
  const accessTtlSeconds = options.accessTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  return {
    issuer: options.issuer,
    accessTtlSeconds,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 86400,
    async signAccessToken(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return keys.signJwt(
        {
          sid: claims.sid,
          acr: claims.acr,
          op: claims.op,
          tid: claims.tid,
          iss: options.issuer,
          aud: ACCESS_AUDIENCE,
          sub: claims.sub,
          iat,
          exp: iat + accessTtlSeconds,
          jti: randomId("at", 12),
        },
        "at+jwt",
        now,
      );
    },
    async verifyAccessToken(token, now) {
      try {
        const { payload } = await jwtVerify(token, keys.verificationKeys(now), {
          issuer: options.issuer,
          audience: ACCESS_AUDIENCE,
          algorithms: ["ES256"],
          typ: "at+jwt",
          currentDate: now,
        });
        return {
          sub: String(payload.sub),
          sid: String(payload.sid),
          acr: payload.acr as Acr,
          op: String(payload.op),
          tid: String(payload.tid),
        };
      } catch (e) {
        if (e instanceof joseErrors.JWTExpired) throw fail("session_expired");
        throw fail("unauthorized", "The access token is not valid.");
      }
    },
    newRefreshToken: () => `rt_${randomBytes(32).toString("base64url")}`,
    async signProviderAssertion({ providerId, pairwiseId, acr, serviceId, siteKind }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return keys.signJwt(
        {
          acr,
          svc: serviceId,
          siteKind,
          iss: options.issuer,
          aud: providerId,
          sub: pairwiseId,
          iat,
          exp: iat + PROVIDER_ASSERTION_TTL_SECONDS,
          jti: randomId("as", 12),
        },
        "JWT",
        now,
      );
    },
    async signEligibilityAssertion({ aud, sub, ...request }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return keys.signJwt(
        {
          svc: MEDICAL_ELIGIBILITY_SERVICE,
          ...request,
          iss: options.issuer,
          aud,
          sub,
          iat,
          exp: iat + PROVIDER_ASSERTION_TTL_SECONDS,
          jti: randomId("as", 12),
        },
        "JWT",
        now,
      );
    },
    pairwiseId(providerId, cableId) {
      // Pairwise subject (OIDC Core §8.1): HMAC keyed by a PF secret, so providers cannot correlate viewers
      // and only the PF (which holds the secret and the enrolment table) maps back.
      return createHmac("sha256", options.pairwiseSecret)
        .update(`${providerId}\n${cableId}`)
        .digest("base64url");
    },
    async signRegistrationReceipt(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return keys.signJwt(
        {
          op: claims.op,
          tid: claims.tid,
          iss: options.issuer,
          aud: RECEIPT_AUDIENCE,
          sub: claims.sub,
          iat,
          exp: iat + REGISTRATION_RECEIPT_TTL_SECONDS,
        },
        RECEIPT_TYPE,
        now,
      );
    },
    async verifyRegistrationReceipt(receipt, now) {
      try {
        const { payload } = await jwtVerify(receipt, keys.verificationKeys(now), {
          issuer: options.issuer,
          audience: RECEIPT_AUDIENCE,
          algorithms: ["ES256"],
          typ: RECEIPT_TYPE,
          currentDate: now,
        });
        return { sub: String(payload.sub), op: String(payload.op), tid: String(payload.tid) };
      } catch (e) {
        if (e instanceof joseErrors.JWTExpired) throw fail("registration_receipt_expired");
        throw fail("registration_receipt_invalid");
      }
    },
    jwks: (now) => keys.jwks(now),
  };
}
