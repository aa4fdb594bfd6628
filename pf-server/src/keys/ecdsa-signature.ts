/**
 * @module An ECDSA signature in the form a JWS carries it. PKCS#11's CKM_ECDSA answers R‖S, each the length of the
 * curve order (PKCS#11 v2.40 Mechanisms §2.3.1), which is already JWS's ES256 form (RFC 7518 §3.4); some tokens
 * answer an X9.62 DER `SEQUENCE { INTEGER r, INTEGER s }` instead, whose integers carry a sign byte or drop leading
 * zeros. Both become exactly 2 × 32 bytes here, so one signature in 256 (R or S with a leading zero byte) does not
 * make a token unverifiable.
 */
import { fail } from "../platform/errors.ts";

const P256_SIZE = 32;

export function toJwsEcdsaSignature(signature: Uint8Array, size = P256_SIZE): Uint8Array {
  if (signature.length === 2 * size) return signature;
  if (signature[0] === 0x30) return derToRaw(signature, size);
  throw fail("internal_error", `An ECDSA signature of ${signature.length} bytes is neither R‖S nor DER.`);
}

function derToRaw(der: Uint8Array, size: number): Uint8Array {
  let offset = 2;
  if (der[1] !== undefined && der[1] & 0x80) offset += der[1] & 0x7f;
  const out = new Uint8Array(2 * size);
  for (const half of [0, 1]) {
    if (der[offset] !== 0x02) throw fail("internal_error", "The DER ECDSA signature has no INTEGER.");
    const length = der[offset + 1] ?? 0;
    let value = der.subarray(offset + 2, offset + 2 + length);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw fail("internal_error", "An ECDSA integer is longer than the curve order.");
    out.set(value, half * size + size - value.length);
    offset += 2 + length;
  }
  return out;
}
