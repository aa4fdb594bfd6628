/**
 * @module Just enough DER to read a certificate off the card efficiently: its total length from the first
 * bytes (`30 82 LL LL`, jpki.md §2: files may carry filler after the DER) and its serial number from the
 * TBSCertificate header, so a cached certificate is recognised without reading it whole.
 */

import { toHex } from "@catv/jpki/bytes";
import { ReaderError } from "../ccid/errors.ts";

/** Bytes enough for the outer header, the TBS header, the version and a serial of up to 20 octets (RFC 5280 §4.1.2.2). */
export const CERTIFICATE_HEADER_LENGTH = 40;

interface Tlv {
  tag: number;
  headerLength: number;
  length: number;
}

function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined)
    throw new ReaderError("malformed_reply", "truncated DER header");
  if (first < 0x80) return { tag, headerLength: 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 3) throw new ReaderError("malformed_reply", "unsupported DER length form");
  let length = 0;
  for (let i = 0; i < count; i++) {
    const b = bytes[offset + 2 + i];
    if (b === undefined) throw new ReaderError("malformed_reply", "truncated DER length");
    length = (length << 8) | b;
  }
  return { tag, headerLength: 2 + count, length };
}

/** The certificate's total DER length from its first bytes; refuses anything that is not a SEQUENCE. */
export function certificateLength(header: Uint8Array): number {
  const outer = readTlv(header, 0);
  if (outer.tag !== 0x30)
    throw new ReaderError("not_my_number_card", "the certificate file does not hold a DER certificate");
  return outer.headerLength + outer.length;
}

/** The serial number (hex, as encoded) from the first CERTIFICATE_HEADER_LENGTH bytes of a certificate. */
export function certificateSerialHex(header: Uint8Array): string {
  const outer = readTlv(header, 0);
  let offset = outer.headerLength;
  const tbs = readTlv(header, offset);
  if (outer.tag !== 0x30 || tbs.tag !== 0x30)
    throw new ReaderError("malformed_reply", "not a certificate header");
  offset += tbs.headerLength;
  let field = readTlv(header, offset);
  if (field.tag === 0xa0) {
    offset += field.headerLength + field.length;
    field = readTlv(header, offset);
  }
  if (field.tag !== 0x02)
    throw new ReaderError("malformed_reply", "no serial number in the certificate header");
  const start = offset + field.headerLength;
  if (start + field.length > header.length)
    throw new ReaderError("malformed_reply", "serial number beyond the header");
  return toHex(header.subarray(start, start + field.length));
}
