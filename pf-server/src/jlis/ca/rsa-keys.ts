/**
 * @module RSA-2048 keys as the simulator keeps them: Node key objects (for `node:crypto` signing and PKCS#8
 * storage), converted to WebCrypto keys where @peculiar/x509 and pkijs need them.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  type webcrypto,
} from "node:crypto";
import { promisify } from "node:util";

/** RSASSA-PKCS1-v1_5 with SHA-256: the JPKI signature algorithm. */
export const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

const generate = promisify(generateKeyPair);

/** A fresh RSA-2048 private key (e = 65537). */
export async function generateRsaKey(): Promise<KeyObject> {
  const { privateKey } = await generate("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey;
}

export const exportPkcs8 = (key: KeyObject) => new Uint8Array(key.export({ format: "der", type: "pkcs8" }));
export const exportSpki = (key: KeyObject) =>
  new Uint8Array(createPublicKey(key).export({ format: "der", type: "spki" }));
export const importPkcs8 = (der: Uint8Array) =>
  createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });

export const toSigningKey = (key: KeyObject): webcrypto.CryptoKey =>
  key.toCryptoKey(RSA_SHA256, false, ["sign"]);
export const toVerifyingKey = (key: KeyObject): webcrypto.CryptoKey =>
  createPublicKey(key).toCryptoKey(RSA_SHA256, true, ["verify"]);
