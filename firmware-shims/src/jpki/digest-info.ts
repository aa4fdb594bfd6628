/**
 * @module DigestInfo for SHA-256 (RFC 8017 §9.2, note 1): what the card signs with PKCS#1 v1.5 under `80 2A`.
 * The JPKI card pads what it is given (P1 00), so the host builds the DigestInfo (jpki.md §4); Web Crypto hashes,
 * which exists both in browsers and in Node. Exported alone as `@catv/firmware-shims/digest-info` (no imports), so
 * the TV app can build what it asks the card to sign without pulling in the driver.
 */

const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);

export function digestInfoOf(sha256: Uint8Array): Uint8Array {
  if (sha256.length !== 32) throw new RangeError("a SHA-256 digest is 32 bytes");
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + 32);
  out.set(SHA256_DIGEST_INFO_PREFIX);
  out.set(sha256, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}

export async function sha256DigestInfo(message: Uint8Array): Promise<Uint8Array> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", message.slice()));
  return digestInfoOf(digest);
}
