/**
 * @module The BER-TLV of the card's 券面事項確認AP files (ISO 7816-4 §5.2): multi-byte tags such as `7F21` or
 * `DF11` and definite lengths (short form, `81 xx`, `82 xx xx`). No ASN.1 library handles these application
 * tags with raw, non-ASN.1 values, so this is coded by hand and kept minimal.
 */
import { JpkiCodecError } from "./jpki-codec-error.ts";

export interface Tlv {
  /** The tag bytes read as one big-endian number (`0x7F21`, `0xDF11`, `0x90`). */
  tag: number;
  value: Uint8Array;
  /** The whole encoding (tag, length and value), as signatures over "the raw TLVs" need it. */
  raw: Uint8Array;
}

function tagBytes(tag: number): number[] {
  const bytes: number[] = [];
  for (let rest = tag; rest > 0 || bytes.length === 0; rest = Math.floor(rest / 256))
    bytes.unshift(rest % 256);
  return bytes;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  throw new JpkiCodecError("malformed_tlv", "values over 65535 bytes are not used on the card");
}

/** Encodes one TLV. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return Uint8Array.from([...tagBytes(tag), ...lengthBytes(value.length), ...value]);
}

function decodeOneTlv(bytes: Uint8Array, start: number): Tlv {
  let i = start;
  const first = bytes[i++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Subsequent tag bytes follow while bit 8 is set (ISO 7816-4 §5.2.2.1).
    let next: number;
    do {
      if (i >= bytes.length) throw new JpkiCodecError("malformed_tlv", "tag runs past the end");
      next = bytes[i++]!;
      tag = tag * 256 + next;
    } while (next & 0x80);
  }
  if (i >= bytes.length) throw new JpkiCodecError("malformed_tlv", "length is missing");
  let length = bytes[i++]!;
  if (length === 0x81 || length === 0x82) {
    const count = length - 0x80;
    if (i + count > bytes.length) throw new JpkiCodecError("malformed_tlv", "length runs past the end");
    length = count === 1 ? bytes[i]! : (bytes[i]! << 8) | bytes[i + 1]!;
    i += count;
  } else if (length >= 0x80) {
    throw new JpkiCodecError("malformed_tlv", "unsupported length form");
  }
  if (i + length > bytes.length) throw new JpkiCodecError("malformed_tlv", "value runs past the end");
  return { tag, value: bytes.subarray(i, i + length), raw: bytes.subarray(start, i + length) };
}

/**
 * Decodes consecutive TLVs. `stopAtPadding` ends at a `00` byte or an `FF FF` pair, the filler after the last
 * TLV of an EF read in whole (kenkaku.md §3: "clients stop at the end of the TLV"); a lone `FF` starts a tag
 * such as `FF10`.
 */
export function decodeTlvs(bytes: Uint8Array, { stopAtPadding = false } = {}): Tlv[] {
  const tlvs: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const padding =
      bytes[i] === 0x00 || (bytes[i] === 0xff && (i + 1 === bytes.length || bytes[i + 1] === 0xff));
    if (stopAtPadding && padding) break;
    const tlv = decodeOneTlv(bytes, i);
    tlvs.push(tlv);
    i += tlv.raw.length;
  }
  return tlvs;
}

/** Decodes exactly one TLV of the expected tag, ignoring trailing padding. */
export function decodeSingleTlv(bytes: Uint8Array, tag: number): Tlv {
  const tlv = bytes.length > 0 ? decodeOneTlv(bytes, 0) : undefined;
  if (!tlv || tlv.tag !== tag) {
    throw new JpkiCodecError("malformed_tlv", `expected tag ${tag.toString(16).toUpperCase()}`);
  }
  return tlv;
}

/** The children of a constructed value, by tag; a missing required child is a malformed record. */
export function childrenByTag(value: Uint8Array): Map<number, Tlv> {
  return new Map(decodeTlvs(value).map((tlv) => [tlv.tag, tlv]));
}
