/**
 * @module Decodes a command APDU in any of the ISO/IEC 7816-3 §12.1 cases (1, 2S/3S/4S, 2E/3E/4E).
 */

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** The command data field (empty when Lc is absent). */
  data: Uint8Array;
  /** Expected response length: absent → undefined; short 00 → 256; extended 0000 → 65536. */
  le: number | undefined;
  extended: boolean;
}

/**
 * Returns the decoded command, or `undefined` when the bytes fit no ISO 7816-3 case (the card answers 6700).
 *
 * @example parseCommand(Uint8Array.of(0x00, 0xb0, 0x8a, 0x00, 0x04)) // READ BINARY SFI 0A, Le 4
 */
export function parseCommand(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const header = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  if (body.length === 0) return { ...header, data: new Uint8Array(0), le: undefined, extended: false };

  const first = body[0]!;
  if (body.length === 1) return { ...header, data: new Uint8Array(0), le: first || 256, extended: false };
  if (first !== 0) {
    // Short Lc: either exactly Lc data bytes (case 3S) or those plus one Le byte (case 4S).
    const data = body.subarray(1, 1 + first);
    if (body.length === 1 + first) return { ...header, data: copy(data), le: undefined, extended: false };
    if (body.length === 2 + first) {
      return { ...header, data: copy(data), le: body[1 + first]! || 256, extended: false };
    }
    return undefined;
  }
  // 00 followed by two bytes: the extended form.
  if (body.length === 3)
    return { ...header, data: new Uint8Array(0), le: word(body, 1) || 65536, extended: true };
  if (body.length < 3) return undefined;
  const lc = word(body, 1);
  if (lc === 0) return undefined;
  const data = body.subarray(3, 3 + lc);
  if (body.length === 3 + lc) return { ...header, data: copy(data), le: undefined, extended: true };
  if (body.length === 5 + lc)
    return { ...header, data: copy(data), le: word(body, 3 + lc) || 65536, extended: true };
  return undefined;
}

function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
