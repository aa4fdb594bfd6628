/**
 * @module The signed date-of-birth record of the 券面事項確認AP, EF `0001` (kenkaku.md §2):
 * `FF10 { DF11 YYYYMMDD, DF12 card public key, DF13 signature }`. The signature is RSA PKCS#1 v1.5 SHA-256
 * over the raw DF11 and DF12 TLVs (everything before the signature field) and verifies with the public key of
 * the card's CVC (EF `0004`). The sources do not show DF12's encoding; the simulator writes the card key as a DER
 * SubjectPublicKeyInfo (what any verifier can read), and the reader also accepts `90`/`91` TLVs as in the CVC.
 */
import { createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { childrenByTag, decodeSingleTlv, encodeTlv } from "./ber-tlv.ts";
import { concatBytes } from "./bytes.ts";
import { decodeCardPublicKey } from "./card-public-key.ts";
import { JpkiCodecError } from "./jpki-codec-error.ts";
import { parseIsoDate } from "./wareki.ts";

const RECORD_TAG = 0xff10;
const BIRTH_DATE_TAG = 0xdf11;
const PUBLIC_KEY_TAG = 0xdf12;
const SIGNATURE_TAG = 0xdf13;

export interface DateOfBirthRecord {
  /** ISO `YYYY-MM-DD`. */
  birthDate: string;
  /** The card key from DF12: verifies the card's `80 2A 00 00` challenge signature. */
  cardPublicKey: KeyObject;
  /** DF11 ‖ DF12 TLVs, the bytes the signature covers. */
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

/** Builds the record, signed with the card's private key (whose public part the CVC certifies). */
export function buildDateOfBirthRecord(input: {
  birthDate: string;
  cardPublicKey: KeyObject;
  signingKey: KeyObject;
}): Uint8Array {
  const { year, month, day } = parseIsoDate(input.birthDate);
  const yyyymmdd = `${String(year).padStart(4, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
  const signed = concatBytes(
    encodeTlv(BIRTH_DATE_TAG, new TextEncoder().encode(yyyymmdd)),
    encodeTlv(PUBLIC_KEY_TAG, new Uint8Array(input.cardPublicKey.export({ format: "der", type: "spki" }))),
  );
  const signature = createSign("sha256").update(signed).sign(input.signingKey);
  return encodeTlv(RECORD_TAG, concatBytes(signed, encodeTlv(SIGNATURE_TAG, signature)));
}

function decodeDf12(bytes: Uint8Array): KeyObject {
  if (bytes[0] !== 0x30) return decodeCardPublicKey(bytes);
  try {
    return createPublicKey({ key: Buffer.from(bytes), format: "der", type: "spki" });
  } catch {
    throw new JpkiCodecError("malformed_date_of_birth_record", "DF12 is not a public key");
  }
}

/** Parses the record (trailing EF padding ignored) without checking its signature. */
export function parseDateOfBirthRecord(bytes: Uint8Array): DateOfBirthRecord {
  const outer = decodeSingleTlv(bytes, RECORD_TAG);
  const children = childrenByTag(outer.value);
  const birth = children.get(BIRTH_DATE_TAG);
  const key = children.get(PUBLIC_KEY_TAG);
  const signature = children.get(SIGNATURE_TAG);
  if (!birth || !key || !signature) {
    throw new JpkiCodecError("malformed_date_of_birth_record", "record needs DF11, DF12 and DF13");
  }
  const digits = new TextDecoder().decode(birth.value);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) throw new JpkiCodecError("malformed_date_of_birth_record", "DF11 is not YYYYMMDD");
  const birthDate = `${match[1]}-${match[2]}-${match[3]}`;
  parseIsoDate(birthDate);
  return {
    birthDate,
    cardPublicKey: decodeDf12(key.value),
    signedBytes: concatBytes(birth.raw, key.raw),
    signature: signature.value,
  };
}

/**
 * Parses the record and checks its signature with the key certified by the card's CVC (kenkaku.md §4 step 2),
 * and that DF12 is that same key. Throws `signature_invalid` on mismatch.
 */
export function verifyDateOfBirthRecord(bytes: Uint8Array, cvcPublicKey: KeyObject): DateOfBirthRecord {
  const record = parseDateOfBirthRecord(bytes);
  if (!record.cardPublicKey.equals(cvcPublicKey)) {
    throw new JpkiCodecError("signature_invalid", "DF12 is not the key the CVC certifies");
  }
  if (!createVerify("sha256").update(record.signedBytes).verify(cvcPublicKey, record.signature)) {
    throw new JpkiCodecError("signature_invalid", "the date-of-birth record signature does not verify");
  }
  return record;
}
