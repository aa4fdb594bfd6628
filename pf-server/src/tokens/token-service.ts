/**
 * @module Access tokens (ES256 JWT with `acr`, bound to a session row so logout revokes them at once),
 * opaque refresh tokens (stored hashed, rotated on every use) and provider assertions (provider-api.ts).
 */
import { createHmac, randomBytes } from "node:crypto";
import { type Acr, REGISTRATION_RECEIPT_TTL_SECONDS } from "@catv/contracts";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { SigningKey } from "./signing-keys.ts";

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
    input: { providerId: string; pairwiseId: string; acr: Acr; serviceId: string },
    now: Date,
  ): Promise<string>;
  pairwiseId(providerId: string, cableId: string): string;
  /** A receipt of a registration for the registering terminal (tv-api.ts `registrationResponseSchema.receipt`). */
  signRegistrationReceipt(claims: RegistrationReceiptClaims, now: Date): Promise<string>;
  /** Throws `registration_receipt_expired` or `registration_receipt_invalid`. */
  verifyRegistrationReceipt(receipt: string, now: Date): Promise<RegistrationReceiptClaims>;
  jwks(): { keys: object[] };
}

export interface RegistrationReceiptClaims {
  /** The cable ID registered. */
  sub: string;
  op: string;
  /** The terminal that registered. */
  tid: string;
}

const ACCESS_AUDIENCE = "catv-pf-tv";
/** Its own audience and type, so a receipt is never taken for an access token, nor the other way round. */
const RECEIPT_AUDIENCE = "catv-pf-registration-status";
const RECEIPT_TYPE = "registration-receipt+jwt";

export function createTokenService(options: {
  issuer: string;
  key: SigningKey;
  pairwiseSecret: Buffer;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
}): TokenService {
  const { key } = options;
  const accessTtlSeconds = options.accessTtlSeconds ?? 600;
  return {
    issuer: options.issuer,
    accessTtlSeconds,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 86400,
    async signAccessToken(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ sid: claims.sid, acr: claims.acr, op: claims.op, tid: claims.tid })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "at+jwt" })
        .setIssuer(options.issuer)
        .setAudience(ACCESS_AUDIENCE)
        .setSubject(claims.sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + accessTtlSeconds)
        .setJti(randomId("at", 12))
        .sign(key.privateKey);
    },
    async verifyAccessToken(token, now) {
      try {
        const { payload } = await jwtVerify(token, key.publicKey, {
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
    async signProviderAssertion({ providerId, pairwiseId, acr, serviceId }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ acr, svc: serviceId })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
        .setIssuer(options.issuer)
        .setAudience(providerId)
        .setSubject(pairwiseId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .setJti(randomId("as", 12))
        .sign(key.privateKey);
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
      return new SignJWT({ op: claims.op, tid: claims.tid })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: RECEIPT_TYPE })
        .setIssuer(options.issuer)
        .setAudience(RECEIPT_AUDIENCE)
        .setSubject(claims.sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + REGISTRATION_RECEIPT_TTL_SECONDS)
        .sign(key.privateKey);
    },
    async verifyRegistrationReceipt(receipt, now) {
      try {
        const { payload } = await jwtVerify(receipt, key.publicKey, {
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
    jwks: () => ({ keys: [key.publicJwk] }),
  };
}
