/**
 * @module Installations before the key ring kept the PF's signing key as a plaintext JWK in the database
 * (`key_values`, `pf.signing-key.v1`). At start it is moved into the key store with its `kid` — so access tokens
 * it signed and providers' cached JWKS stay valid — and removed from the database; the rotation schedule then
 * replaces it like any other key.
 */
import type { JWK } from "jose";
import type { KeyValueRepository } from "../storage/repositories.ts";
import type { SigningKeyRing } from "./signing-key-ring.ts";

export const LEGACY_SIGNING_KEY = "pf.signing-key.v1";

/** Answers the moved key's `kid`, or undefined when the database held none. */
export async function moveLegacySigningKey(
  keyValues: KeyValueRepository,
  keys: SigningKeyRing,
  now: Date,
): Promise<string | undefined> {
  const stored = await keyValues.get(LEGACY_SIGNING_KEY);
  if (!stored) return undefined;
  const { kid, jwk } = JSON.parse(stored) as { kid: string; jwk: JWK };
  await keys.adopt(kid, jwk, now);
  // Deleted only once the key store and ring hold it: a crash in between moves it again at the next start.
  await keyValues.delete(LEGACY_SIGNING_KEY);
  return kid;
}
