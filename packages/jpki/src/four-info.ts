/**
 * @module The 4情報 (氏名, 住所, 生年月日, 性別) as JPKI encodes them in the signature certificate's subjectAltName:
 * one otherName per field under `1.2.392.200149.8.5.5.1`–`.6`, each value an `[0]`-tagged UTF8String (jpki.md §6).
 */
import * as asn1js from "asn1js";
import { JpkiCodecError } from "./jpki-codec-error.ts";
import { JPKI_FOUR_INFO_OID } from "./oids.ts";
import { eraOf, parseIsoDate } from "./wareki.ts";

/** JIS X 0303 sex codes: 0 not known, 1 male, 2 female, 9 not applicable. */
export type JisGender = "0" | "1" | "2" | "9";

export interface FourInfo {
  name: string;
  /** One `0`/`1` per character of `name`; `1` marks a character printed with a substitute (代替文字). */
  nameAlternativeFlags: string;
  gender: JisGender;
  /** ISO `YYYY-MM-DD`. */
  birthDate: string;
  address: string;
  addressAlternativeFlags: string;
}

/** Characters as the card counts them: Unicode code points, so a surrogate pair is one character. */
const characters = (text: string) => Array.from(text).length;

/** All-zero flags for a text without substitute characters. */
export function noAlternativeFlags(text: string): string {
  return "0".repeat(characters(text));
}

/**
 * Encodes a birth date as JPKI's `EYYYYMMDD`: the era digit, then the Gregorian date.
 * @example encodeJpkiBirthDate("1980-02-17") // "319800217"
 */
export function encodeJpkiBirthDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  const era = eraOf(iso);
  return `${era?.digit ?? 0}${String(year).padStart(4, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
}

/** Decodes `EYYYYMMDD` to an ISO date, checking that the era digit agrees with the date. */
export function decodeJpkiBirthDate(value: string): string {
  const match = /^([0-5])(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new JpkiCodecError("malformed_birth_date", "birth date is not EYYYYMMDD");
  const iso = `${match[2]}-${match[3]}-${match[4]}`;
  parseIsoDate(iso);
  const expected = eraOf(iso)?.digit ?? 0;
  if (Number(match[1]) !== expected) {
    throw new JpkiCodecError("malformed_birth_date", "era digit does not match the date");
  }
  return iso;
}

function checkFlags(flags: string, text: string, field: string) {
  if (!/^[01]*$/.test(flags) || flags.length !== characters(text)) {
    throw new JpkiCodecError(
      "malformed_four_info",
      `${field} alternative-character flags must hold one 0/1 per character`,
    );
  }
}

function checkFourInfo(info: FourInfo) {
  if (!info.name || !info.address)
    throw new JpkiCodecError("malformed_four_info", "name and address are required");
  if (!["0", "1", "2", "9"].includes(info.gender)) {
    throw new JpkiCodecError("malformed_four_info", "gender must be a JIS X 0303 code (0, 1, 2 or 9)");
  }
  checkFlags(info.nameAlternativeFlags, info.name, "name");
  checkFlags(info.addressAlternativeFlags, info.address, "address");
}

const fieldOrder = [
  ["name", JPKI_FOUR_INFO_OID.name],
  ["nameAlternativeFlags", JPKI_FOUR_INFO_OID.nameAlternativeFlags],
  ["gender", JPKI_FOUR_INFO_OID.gender],
  ["birthDate", JPKI_FOUR_INFO_OID.birthDate],
  ["address", JPKI_FOUR_INFO_OID.address],
  ["addressAlternativeFlags", JPKI_FOUR_INFO_OID.addressAlternativeFlags],
] as const;

/** `otherName ::= [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }` (RFC 5280 §4.2.1.6). */
function otherName(oid: string, value: string): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: oid }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Utf8String({ value })],
      }),
    ],
  });
}

/** DER of the subjectAltName extension value (GeneralNames) carrying the 4情報. */
export function encodeFourInfoSubjectAltName(info: FourInfo): Uint8Array {
  checkFourInfo(info);
  const values: Record<(typeof fieldOrder)[number][0], string> = {
    ...info,
    birthDate: encodeJpkiBirthDate(info.birthDate),
  };
  const names = new asn1js.Sequence({
    value: fieldOrder.map(([field, oid]) => otherName(oid, values[field])),
  });
  return new Uint8Array(names.toBER());
}

/** Reads the 4情報 back from a subjectAltName extension value (GeneralNames DER); other names are ignored. */
export function decodeFourInfoSubjectAltName(der: Uint8Array | ArrayBuffer): FourInfo {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new JpkiCodecError("malformed_four_info", "subjectAltName is not a GeneralNames sequence");
  }
  const byOid = new Map<string, string>();
  for (const name of parsed.result.valueBlock.value) {
    if (name.idBlock.tagClass !== 3 || name.idBlock.tagNumber !== 0 || !(name instanceof asn1js.Constructed))
      continue;
    const [oid, wrapped] = name.valueBlock.value;
    const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
    if (!(oid instanceof asn1js.ObjectIdentifier) || !(inner instanceof asn1js.Utf8String)) continue;
    byOid.set(oid.valueBlock.toString(), inner.valueBlock.value);
  }
  const get = (oid: string) => {
    const value = byOid.get(oid);
    if (value === undefined) throw new JpkiCodecError("malformed_four_info", `otherName ${oid} is missing`);
    return value;
  };
  const info: FourInfo = {
    name: get(JPKI_FOUR_INFO_OID.name),
    nameAlternativeFlags: get(JPKI_FOUR_INFO_OID.nameAlternativeFlags),
    gender: get(JPKI_FOUR_INFO_OID.gender) as JisGender,
    birthDate: decodeJpkiBirthDate(get(JPKI_FOUR_INFO_OID.birthDate)),
    address: get(JPKI_FOUR_INFO_OID.address),
    addressAlternativeFlags: get(JPKI_FOUR_INFO_OID.addressAlternativeFlags),
  };
  checkFourInfo(info);
  return info;
}
