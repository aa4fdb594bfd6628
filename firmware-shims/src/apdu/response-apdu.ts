/**
 * @module Response APDUs: data followed by the status word SW1 SW2 (ISO/IEC 7816-4 §5.1.3).
 */
import { ReaderError } from "../ccid/errors.ts";

export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2, e.g. 0x9000. */
  sw: number;
}

export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new ReaderError(
      "malformed_reply",
      `a response APDU needs a status word, got ${bytes.length} bytes`,
    );
  }
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function encodeResponseApdu(response: ResponseApdu): Uint8Array {
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data, 0);
  out[response.data.length] = response.sw >> 8;
  out[response.data.length + 1] = response.sw & 0xff;
  return out;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, "0");
}

export const SW_OK = 0x9000;
