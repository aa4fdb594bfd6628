/**
 * @module Exact DER (X.690 §10): one encoding per value. A certificate's signed part cannot change without breaking
 * the CA's signature, but its outer envelope can — bytes after the certificate, an indefinite length, a length in a
 * longer form than needed — and each such spelling is a different byte string for the same certificate (a second
 * entry in any cache keyed by the bytes, a second "certificate" to a naive comparison). asn1js parses BER; this
 * module accepts only what asn1js would encode back to the same bytes, with definite lengths throughout.
 */
import * as asn1js from "asn1js";

function hasIndefiniteLength(block: asn1js.AsnType): boolean {
  if (block.lenBlock.isIndefiniteForm) return true;
  if (!block.idBlock.isConstructed) return false;
  const children = (block.valueBlock as { value?: unknown }).value;
  return Array.isArray(children) && children.some((child) => hasIndefiniteLength(child as asn1js.AsnType));
}

/** True when `bytes` is one DER element and nothing else (asn1js re-encodes lengths in their shortest form). */
export function isExactDer(bytes: Uint8Array): boolean {
  // Contents of primitive OCTET and BIT STRINGs (a signature, say) are bytes, not elements: not parsed further.
  const parsed = asn1js.fromBER(bytes, { parseEmbedded: false });
  if (parsed.offset !== bytes.length || parsed.result.error) return false;
  if (hasIndefiniteLength(parsed.result)) return false;
  return Buffer.from(parsed.result.toBER(false)).equals(bytes);
}
