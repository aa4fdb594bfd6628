/**
 * @module Where the private halves of the PF's signing keys live: a PKCS#11 token (SoftHSM2 for `npm start`, a
 * hardware HSM in production, `pkcs11-key-store.ts`) or 0600 files in the data directory (`file-key-store.ts`) —
 * never the database. Every store signs a JWS signing input and answers the signature in JWS form (RFC 7518 §3.4:
 * ES256 is the raw R‖S pair, 64 bytes), so the JWT code is the same whichever store holds the key.
 */
import type { JWK } from "jose";

export interface PrivateKeyStore {
  /** `pkcs11` (a token) or `file`; recorded with each key so a key is never looked for in the wrong place. */
  readonly kind: "pkcs11" | "file" | "memory";
  /** Generates a P-256 key pair named `kid`; the private half never leaves the store. Answers the public JWK. */
  generate(kid: string): Promise<JWK>;
  /** Takes in an existing private key (the plaintext JWK once kept in the database); answers its public JWK. */
  importPrivateJwk(kid: string, jwk: JWK): Promise<JWK>;
  has(kid: string): Promise<boolean>;
  /** The compact JWS of `payload` under `protectedHeader` (which names `kid` and `alg: ES256`). */
  signJws(kid: string, protectedHeader: Record<string, unknown>, payload: Uint8Array): Promise<string>;
  /** Deletes the private key once nothing it signed can still be accepted. */
  destroy(kid: string): Promise<void>;
  close(): void;
}

/** The JWS signing input: BASE64URL(UTF8(protected header)) '.' BASE64URL(payload) (RFC 7515 §5.1). */
export function jwsSigningInput(protectedHeader: Record<string, unknown>, payload: Uint8Array): string {
  const header = Buffer.from(JSON.stringify(protectedHeader), "utf8").toString("base64url");
  return `${header}.${Buffer.from(payload).toString("base64url")}`;
}

/** The public JWK of a P-256 key as the JWKS publishes it. */
export function publicJwkOf(jwk: JWK, kid: string): JWK {
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, kid, alg: "ES256", use: "sig" };
}
