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
