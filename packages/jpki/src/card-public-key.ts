/**
 * @module The card's RSA public key as the 券面 files carry it: `90` public exponent, `91` modulus
 * (kenkaku.md §4: `90 03 010001 91 8201 00 <256>`), converted to and from Node key objects.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { decodeTlvs, encodeTlv } from "./ber-tlv.ts";
import { concatBytes } from "./bytes.ts";
import { JpkiCodecError } from "./jpki-codec-error.ts";

const EXPONENT_TAG = 0x90;
const MODULUS_TAG = 0x91;

const fromBase64Url = (text: string) => new Uint8Array(Buffer.from(text, "base64url"));
const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** Encodes an RSA-2048 public key as `90 e 91 n` with the modulus left-padded to 256 bytes. */
export function encodeCardPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.e) throw new JpkiCodecError("malformed_cvc", "card keys are RSA");
  const modulus = fromBase64Url(jwk.n);
  if (modulus.length > 256) throw new JpkiCodecError("malformed_cvc", "card keys are RSA-2048");
  const padded = new Uint8Array(256);
  padded.set(modulus, 256 - modulus.length);
  return concatBytes(encodeTlv(EXPONENT_TAG, fromBase64Url(jwk.e)), encodeTlv(MODULUS_TAG, padded));
}

/** Decodes `90 e 91 n` TLVs to a Node public key. */
export function decodeCardPublicKey(bytes: Uint8Array): KeyObject {
  const tlvs = new Map(decodeTlvs(bytes).map((tlv) => [tlv.tag, tlv.value]));
  const exponent = tlvs.get(EXPONENT_TAG);
  const modulus = tlvs.get(MODULUS_TAG);
  if (!exponent || !modulus || modulus.length !== 256) {
    throw new JpkiCodecError(
      "malformed_cvc",
      "public key needs tag 90 (exponent) and a 256-byte tag 91 (modulus)",
    );
  }
  let start = 0;
  while (start < modulus.length - 1 && modulus[start] === 0) start++;
  try {
    return createPublicKey({
      key: { kty: "RSA", n: toBase64Url(modulus.subarray(start)), e: toBase64Url(exponent) },
      format: "jwk",
    });
  } catch {
    throw new JpkiCodecError("malformed_cvc", "public key is not a valid RSA key");
  }
}
