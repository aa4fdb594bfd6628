/**
 * @module Command APDUs (ISO/IEC 7816-4 §5.1): the four cases in short and extended form.
 *
 * Short form: Lc and Le take one byte (Le 00 = 256). Extended form: Lc is `00 hi lo`, Le two bytes (or three
 * when there is no body), 0000 = 65536. The extended form is chosen only when a field does not fit in short form.
 */
import { ReaderError } from "../ccid/errors.ts";

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc is its length); absent or empty for cases 1 and 2. */
  data?: Uint8Array;
  /** Expected response length: 1–65536, or absent when no data is expected (cases 1 and 3). */
  le?: number;
}

export const SHORT_LE_MAX = 256;
export const EXTENDED_LE_MAX = 65536;

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ReaderError("apdu_invalid", `${name} must be a byte, got ${value}`);
  }
}

/** True when the command needs the extended form (a body over 255 bytes or Le over 256). */
export function needsExtendedForm(command: CommandApdu): boolean {
  return (command.data?.length ?? 0) > 255 || (command.le ?? 0) > SHORT_LE_MAX;
}

/**
 * Encodes a command APDU, short when it fits, else extended.
 * @example encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }) // 00 B0 00 00 00
 */
export function encodeCommandApdu(command: CommandApdu): Uint8Array {
  checkByte("CLA", command.cla);
  checkByte("INS", command.ins);
  checkByte("P1", command.p1);
  checkByte("P2", command.p2);
  const data = command.data ?? new Uint8Array(0);
  const le = command.le;
  if (data.length > 65535)
    throw new ReaderError("apdu_invalid", `command data of ${data.length} bytes is too long`);
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > EXTENDED_LE_MAX)) {
    throw new ReaderError("apdu_invalid", `Le must be 1–65536, got ${le}`);
  }
  const header = [command.cla, command.ins, command.p1, command.p2];
  const extended = needsExtendedForm(command);
  const out: number[] = [...header];
  if (!extended) {
    if (data.length > 0) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === SHORT_LE_MAX ? 0 : le);
    return Uint8Array.from(out);
  }
  if (data.length > 0) {
    out.push(0, data.length >> 8, data.length & 0xff, ...data);
    if (le !== undefined) out.push((le >> 8) & 0xff, le & 0xff);
  } else if (le !== undefined) {
    out.push(0, (le >> 8) & 0xff, le & 0xff);
  }
  return Uint8Array.from(out);
}

/**
 * Parses a command APDU (the inverse of `encodeCommandApdu`); used by the guard, the virtual reader's logs
 * and the fuzz tests. Throws `apdu_invalid` on any length inconsistency.
 */
export function decodeCommandApdu(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4)
    throw new ReaderError("apdu_invalid", `a command APDU needs 4 header bytes, got ${bytes.length}`);
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const head = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  if (body.length === 0) return head;
  if (body.length === 1) return { ...head, le: body[0] === 0 ? 256 : body[0]! };
  if (body[0] !== 0) {
    // Short case 3 or 4.
    const lc = body[0]!;
    if (body.length === 1 + lc) return { ...head, data: body.slice(1) };
    if (body.length === 2 + lc)
      return { ...head, data: body.slice(1, 1 + lc), le: body[1 + lc] === 0 ? 256 : body[1 + lc]! };
    throw new ReaderError("apdu_invalid", "short APDU length bytes do not match its body");
  }
  // Extended forms start with a 00 byte.
  if (body.length === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { ...head, le: le === 0 ? EXTENDED_LE_MAX : le };
  }
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) throw new ReaderError("apdu_invalid", "extended Lc of 0");
  if (body.length === 3 + lc) return { ...head, data: body.slice(3) };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { ...head, data: body.slice(3, 3 + lc), le: le === 0 ? EXTENDED_LE_MAX : le };
  }
  throw new ReaderError("apdu_invalid", "extended APDU length bytes do not match its body");
}
