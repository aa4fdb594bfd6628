/**
 * @module Minimal BER-TLV encoding for the 券面 records' fixed tags (FF10, DF11, 7F21, 5F4E …), as a test-card
 * builder needs it. Lengths use the definite short / 81 / 82 forms (ISO 7816-4 §5.2.2.2).
 */

export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const length = value.length;
  const lengthBytes =
    length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return concat(Uint8Array.from(tagBytes), Uint8Array.from(lengthBytes), value);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export interface Tlv {
  tag: number;
  value: Uint8Array;
  /** The whole TLV as encoded (tag, length and value). */
  raw: Uint8Array;
}

/** Decodes consecutive BER-TLVs (one- or two-byte tags; short, 81 and 82 lengths), stopping at FF/00 filler. */
export function parseTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length && bytes[at] !== 0x00 && !(bytes[at] === 0xff && bytes[at + 1] === 0xff)) {
    const start = at;
    let tag = bytes[at++]!;
    if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | bytes[at++]!;
    let length = bytes[at++]!;
    if (length === 0x81) length = bytes[at++]!;
    else if (length === 0x82) {
      length = (bytes[at]! << 8) | bytes[at + 1]!;
      at += 2;
    }
    if (at + length > bytes.length) throw new Error("TLV runs past the end of its container");
    out.push({ tag, value: bytes.subarray(at, at + length), raw: bytes.subarray(start, at + length) });
    at += length;
  }
  return out;
}

export function child(tlvs: Tlv[], tag: number): Tlv {
  const found = tlvs.find((t) => t.tag === tag);
  if (!found) throw new Error(`no tag ${tag.toString(16)}`);
  return found;
}
