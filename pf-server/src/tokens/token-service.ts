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
  type SiteKind,
} from "@catv/contracts";
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
  jwks(): { keys: object[] };
}

const ACCESS_AUDIENCE = "catv-pf-tv";

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
    async signProviderAssertion({ providerId, pairwiseId, acr, serviceId, siteKind }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ acr, svc: serviceId, siteKind })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
        .setIssuer(options.issuer)
        .setAudience(providerId)
        .setSubject(pairwiseId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .setJti(randomId("as", 12))
        .sign(key.privateKey);
    },
    async signEligibilityAssertion({ aud, sub, ...request }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ svc: MEDICAL_ELIGIBILITY_SERVICE, ...request })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
        .setIssuer(options.issuer)
        .setAudience(aud)
        .setSubject(sub)
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
    jwks: () => ({ keys: [key.publicJwk] }),
  };
}
