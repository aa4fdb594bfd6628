/**
 * @module The card-verifiable certificate of the 券面事項確認AP, EF `0004` (kenkaku.md §4):
 * `7F21 { 5F4E body, 5F37 signature }`, body = issuer key ID (16) ‖ subject key ID (16) ‖ `90 03 010001` ‖
 * `91 8201 00 <256-byte modulus>`; the signature is RSA PKCS#1 v1.5 SHA-256 over the 5F4E *value*, made by the
 * 券面 CA key that the issuer key ID names. The CA key is not on the card: verifiers hold it (J-LIS publishes it).
 */
import { createSign, createVerify, type KeyObject } from "node:crypto";
import { childrenByTag, decodeSingleTlv, encodeTlv } from "./ber-tlv.ts";
import { concatBytes } from "./bytes.ts";
import { decodeCardPublicKey, encodeCardPublicKey } from "./card-public-key.ts";
import { JpkiCodecError } from "./jpki-codec-error.ts";

export const CVC_TAG = 0x7f21;
const BODY_TAG = 0x5f4e;
const SIGNATURE_TAG = 0x5f37;
const KEY_ID_LENGTH = 16;

export interface CardVerifiableCertificate {
  /** 16-byte key ID of the signing 券面 CA key, lower-case hex. */
  issuerKeyId: string;
  /** 16-byte key ID of the card's key, lower-case hex. */
  subjectKeyId: string;
  /** The card's public key (also in DF12 of the date-of-birth record). */
  publicKey: KeyObject;
  /** The 5F4E value the signature covers. */
  body: Uint8Array;
  signature: Uint8Array;
}

export interface BuildCardVerifiableCertificateInput {
  issuerKeyId: Uint8Array;
  subjectKeyId: Uint8Array;
  subjectPublicKey: KeyObject;
  /** The 券面 CA's private key. */
  issuerPrivateKey: KeyObject;
}

/** Builds and signs a CVC. */
export function buildCardVerifiableCertificate(input: BuildCardVerifiableCertificateInput): Uint8Array {
  if (input.issuerKeyId.length !== KEY_ID_LENGTH || input.subjectKeyId.length !== KEY_ID_LENGTH) {
    throw new JpkiCodecError("malformed_cvc", "key IDs are 16 bytes");
  }
  const body = concatBytes(
    input.issuerKeyId,
    input.subjectKeyId,
    encodeCardPublicKey(input.subjectPublicKey),
  );
  const signature = createSign("sha256").update(body).sign(input.issuerPrivateKey);
  return encodeTlv(CVC_TAG, concatBytes(encodeTlv(BODY_TAG, body), encodeTlv(SIGNATURE_TAG, signature)));
}

/** Parses a CVC (trailing EF padding is ignored) without checking its signature. */
export function parseCardVerifiableCertificate(bytes: Uint8Array): CardVerifiableCertificate {
  const outer = decodeSingleTlv(bytes, CVC_TAG);
  const children = childrenByTag(outer.value);
  const body = children.get(BODY_TAG)?.value;
  const signature = children.get(SIGNATURE_TAG)?.value;
  if (!body || !signature) throw new JpkiCodecError("malformed_cvc", "CVC needs 5F4E and 5F37");
  if (body.length < 2 * KEY_ID_LENGTH) throw new JpkiCodecError("malformed_cvc", "CVC body too short");
  return {
    issuerKeyId: Buffer.from(body.subarray(0, KEY_ID_LENGTH)).toString("hex"),
    subjectKeyId: Buffer.from(body.subarray(KEY_ID_LENGTH, 2 * KEY_ID_LENGTH)).toString("hex"),
    publicKey: decodeCardPublicKey(body.subarray(2 * KEY_ID_LENGTH)),
    body,
    signature,
  };
}

/** A 券面 CA key a verifier trusts, as J-LIS publishes it at `/ca/kenkaku.json`. */
export interface KenkakuCaKey {
  keyId: string;
  publicKey: KeyObject;
}

/**
 * Parses a CVC and checks its signature with the trusted CA key its issuer key ID names (kenkaku.md §4 step 1).
 * Throws `unknown_cvc_issuer` or `signature_invalid`.
 */
export function verifyCardVerifiableCertificate(
  bytes: Uint8Array,
  trustedKeys: readonly KenkakuCaKey[],
): CardVerifiableCertificate {
  const cvc = parseCardVerifiableCertificate(bytes);
  const caKey = trustedKeys.find((key) => key.keyId.toLowerCase() === cvc.issuerKeyId);
  if (!caKey)
    throw new JpkiCodecError("unknown_cvc_issuer", "the CVC names a 券面 CA key that is not trusted");
  if (!createVerify("sha256").update(cvc.body).verify(caKey.publicKey, cvc.signature)) {
    throw new JpkiCodecError("signature_invalid", "the CVC signature does not verify with the 券面 CA key");
  }
  return cvc;
}
