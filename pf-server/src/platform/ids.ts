/**
 * @module Random identifiers and secret hashing.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const randomId = (prefix: string, bytes = 16) =>
  `${prefix}_${randomBytes(bytes).toString("base64url")}`;

/** API keys and refresh tokens are stored as SHA-256 only: they are high-entropy, so no slow hash is needed. */
export const sha256Hex = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
