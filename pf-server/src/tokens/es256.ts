/**
 * @module Compact ES256 JWS signing (RFC 7515 §7.1, RFC 7518 §3.4) with node:crypto's one-shot `sign`. jose signs
 * through WebCrypto, whose job dispatch cost about twice a one-shot signature on the login path (profile of
 * `npm run bench`); verification of what is signed here stays with jose (`jwtVerify`), so a divergence from
 * the standard would fail the PF's own token checks.
 */
import { type KeyObject, sign } from "node:crypto";

const b64url = (value: object) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

export function signEs256Jwt(header: Record<string, unknown>, claims: object, privateKey: KeyObject): string {
  const signingInput = `${b64url({ ...header, alg: "ES256" })}.${b64url(claims)}`;
  // ES256 signatures are R ‖ S, 32 bytes each (RFC 7518 §3.4), not DER.
  const signature = sign("sha256", Buffer.from(signingInput, "ascii"), {
    key: privateKey,
    dsaEncoding: "ieee-p1363",
  });
  return `${signingInput}.${signature.toString("base64url")}`;
}
