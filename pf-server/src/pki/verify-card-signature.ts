/**
 * @module Verifies a signature made by the card: `80 2A` signs DigestInfo(SHA-256(data)) with PKCS#1 v1.5,
 * which is exactly RSASSA-PKCS1-v1_5 with SHA-256 over `data` (RFC 8017 §8.2).
 */
import { type KeyObject, verify } from "node:crypto";
import { fail } from "../platform/errors.ts";

export function verifyCardSignature(data: Uint8Array, signatureBase64: string, publicKey: KeyObject): void {
  const signature = Buffer.from(signatureBase64, "base64");
  let ok = false;
  try {
    ok = signature.length > 0 && verify("sha256", data, publicKey, signature);
  } catch {
    ok = false;
  }
  if (!ok) throw fail("signature_invalid");
}
