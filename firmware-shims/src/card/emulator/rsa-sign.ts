/**
 * @module The card's RSA operations: PKCS#1 v1.5 type-1 padding over the data as sent (what OpenSC and myna use,
 * with a DigestInfo built by the host), and the JPKI AP's other P1 forms (jpki.md §3 "Signing P1").
 */

import { constants, createHash, type KeyObject, privateEncrypt, randomBytes } from "node:crypto";
import { concatBytes } from "@catv/jpki/bytes";

/** RFC 8017 §9.2 note 1: the DER prefix of a DigestInfo for each hash, keyed by digest length. */
const DIGEST_INFO_PREFIX: Record<number, string> = {
  20: "3021300906052b0e03021a05000414",
  32: "3031300d060960864801650304020105000420",
  48: "3041300d060960864801650304020205000430",
  64: "3051300d060960864801650304020305000440",
};

/** RFC 8017 §9.2: PKCS#1 v1.5 leaves room for at least 8 bytes of FF padding plus 3 framing bytes. */
const PKCS1_OVERHEAD = 11;

export type SignOutcome = { ok: true; signature: Uint8Array } | { ok: false; reason: "length" | "p1" };

/** The RSA modulus length in bytes (256 for the card's RSA-2048 keys). */
export function modulusBytes(key: KeyObject): number {
  return (key.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
}

/** PKCS#1 v1.5 signature primitive over `data` exactly as given (RSA_PKCS1_PADDING is block type 1 for a private key). */
export function signPkcs1Raw(key: KeyObject, data: Uint8Array): SignOutcome {
  if (data.length === 0 || data.length > modulusBytes(key) - PKCS1_OVERHEAD)
    return { ok: false, reason: "length" };
  return {
    ok: true,
    signature: new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data)),
  };
}

/**
 * COMPUTE DIGITAL SIGNATURE of the JPKI AP by P1: 00 the data as sent; 01 the card hashes (SHA-256) and pads the
 * bare hash; 02 the data is a hash the card wraps in a DigestInfo; 03 the card hashes and wraps; 04 / 05 PSS
 * (prehashed / card hashes, SHA-256, 32-byte salt).
 */
export function signJpki(key: KeyObject, p1: number, data: Uint8Array): SignOutcome {
  switch (p1) {
    case 0x00:
      return signPkcs1Raw(key, data);
    case 0x01:
      return data.length === 0 ? { ok: false, reason: "length" } : signPkcs1Raw(key, sha256(data));
    case 0x02: {
      const prefix = DIGEST_INFO_PREFIX[data.length];
      return prefix
        ? signPkcs1Raw(key, concatBytes(Buffer.from(prefix, "hex"), data))
        : { ok: false, reason: "length" };
    }
    case 0x03:
      return data.length === 0
        ? { ok: false, reason: "length" }
        : signPkcs1Raw(key, concatBytes(Buffer.from(DIGEST_INFO_PREFIX[32]!, "hex"), sha256(data)));
    case 0x04:
      return data.length === 32
        ? { ok: true, signature: signPss(key, data) }
        : { ok: false, reason: "length" };
    case 0x05:
      return data.length === 0
        ? { ok: false, reason: "length" }
        : { ok: true, signature: signPss(key, sha256(data)) };
    default:
      return { ok: false, reason: "p1" };
  }
}

/**
 * RSASSA-PSS over a SHA-256 hash the caller already computed. Node's `sign` always hashes its input, so the
 * EMSA-PSS encoding (RFC 8017 §9.1.1, MGF1-SHA-256, salt = hash length) is built here and raised to the private
 * exponent without further padding.
 */
function signPss(key: KeyObject, mHash: Uint8Array): Uint8Array {
  const hLen = 32;
  const emBits = modulusBytes(key) * 8 - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const h = sha256(concatBytes(new Uint8Array(8), mHash, salt));
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - hLen - 1] = 0x01;
  db.set(salt, db.length - hLen);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  const em = concatBytes(db, h, Uint8Array.of(0xbc));
  // emLen is one byte short of the modulus only when emBits is a multiple of 8, never for RSA-2048.
  const block =
    em.length === modulusBytes(key) ? em : concatBytes(new Uint8Array(modulusBytes(key) - em.length), em);
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, block));
}

function mgf1(seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, at = 0; at < length; counter++, at += 32) {
    const c = Uint8Array.of(counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff);
    out.set(sha256(concatBytes(seed, c)).subarray(0, length - at), at);
  }
  return out;
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}
