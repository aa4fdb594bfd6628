/**
 * @module Signing keys as private JWK files, one per `kid`, mode 0600 in a 0700 folder of the data directory: what
 * `npm start` uses when no PKCS#11 token is set up. Never in the database, so a database backup or copy carries
 * no private key. Signs with jose (WebCrypto), which answers ES256 signatures in JWS form already.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CompactSign, type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { type PrivateKeyStore, publicJwkOf } from "./key-store.ts";

const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function openFileKeyStore(dir: string): PrivateKeyStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const pathOf = (kid: string) => {
    if (!KID_PATTERN.test(kid)) throw new Error(`not a key ID: ${kid}`);
    return join(dir, `${kid}.jwk.json`);
  };
  const loaded = new Map<string, CryptoKey>();
  const save = (kid: string, jwk: JWK) => {
    writeFileSync(pathOf(kid), `${JSON.stringify({ ...jwk, kid })}\n`, { mode: 0o600, flag: "wx" });
  };
  const privateKey = async (kid: string): Promise<CryptoKey> => {
    let key = loaded.get(kid);
    if (!key) {
      const jwk = JSON.parse(readFileSync(pathOf(kid), "utf8")) as JWK;
      key = (await importJWK(jwk, "ES256")) as CryptoKey;
      loaded.set(kid, key);
    }
    return key;
  };
  return createJoseBackedStore("file", {
    async generate(kid) {
      const pair = await generateKeyPair("ES256", { extractable: true });
      const jwk = await exportJWK(pair.privateKey);
      save(kid, jwk);
      return publicJwkOf(jwk, kid);
    },
    async importPrivateJwk(kid, jwk) {
      save(kid, jwk);
      return publicJwkOf(jwk, kid);
    },
    has: async (kid) => existsSync(pathOf(kid)),
    privateKey,
    async destroy(kid) {
      loaded.delete(kid);
      rmSync(pathOf(kid), { force: true });
    },
  });
}

/** Keys in process memory only, gone with the process: for tests and benchmarks that need no key to survive. */
export function openMemoryKeyStore(): PrivateKeyStore {
  const keys = new Map<string, CryptoKey>();
  return createJoseBackedStore("memory", {
    async generate(kid) {
      const pair = await generateKeyPair("ES256");
      keys.set(kid, pair.privateKey);
      return publicJwkOf(await exportJWK(pair.publicKey), kid);
    },
    async importPrivateJwk(kid, jwk) {
      keys.set(kid, (await importJWK(jwk, "ES256")) as CryptoKey);
      return publicJwkOf(jwk, kid);
    },
    has: async (kid) => keys.has(kid),
    async privateKey(kid) {
      const key = keys.get(kid);
      if (!key) throw new Error(`no private key ${kid}`);
      return key;
    },
    async destroy(kid) {
      keys.delete(kid);
    },
  });
}

function createJoseBackedStore(
  kind: "file" | "memory",
  parts: Omit<PrivateKeyStore, "kind" | "signJws" | "close"> & {
    privateKey(kid: string): Promise<CryptoKey>;
  },
): PrivateKeyStore {
  return {
    kind,
    generate: parts.generate,
    importPrivateJwk: parts.importPrivateJwk,
    has: parts.has,
    destroy: parts.destroy,
    async signJws(kid, protectedHeader, payload) {
      return new CompactSign(payload)
        .setProtectedHeader({ ...protectedHeader, alg: "ES256" })
        .sign(await parts.privateKey(kid));
    },
    close() {},
  };
}
