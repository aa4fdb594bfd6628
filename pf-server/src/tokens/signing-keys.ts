/**
 * @module The PF's ES256 signing key (access tokens and provider assertions), generated once and persisted so
 * tokens and provider caches survive restarts; its public half is served at `/.well-known/jwks.json`.
 */
import { randomBytes } from "node:crypto";
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { KeyValueRepository } from "../storage/repositories.ts";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

const KEY = "pf.signing-key.v1";

export async function loadOrCreateSigningKey(keyValues: KeyValueRepository): Promise<SigningKey> {
  let stored = await keyValues.get(KEY);
  if (!stored) {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = `pf-${randomBytes(6).toString("hex")}`;
    stored = await keyValues.putIfAbsent(KEY, JSON.stringify({ kid, jwk }));
  }
  const { kid, jwk } = JSON.parse(stored) as { kid: string; jwk: JWK };
  const { d: _d, ...publicPart } = jwk;
  const publicJwk: JWK = { ...publicPart, kid, alg: "ES256", use: "sig" };
  return {
    kid,
    privateKey: (await importJWK(jwk, "ES256")) as CryptoKey,
    publicKey: (await importJWK(publicJwk, "ES256")) as CryptoKey,
    publicJwk,
  };
}

/** A per-installation secret (pairwise IDs), generated once. */
export async function loadOrCreateSecret(keyValues: KeyValueRepository, name: string): Promise<Buffer> {
  const key = `pf.secret.${name}`;
  const value =
    (await keyValues.get(key)) ?? (await keyValues.putIfAbsent(key, randomBytes(32).toString("base64")));
  return Buffer.from(value, "base64");
}
