/**
 * @module CCID bulk messages (USB CCID rev 1.1 §6.1, §6.2): a 10-byte header — bMessageType, dwLength (LE32),
 * bSlot, bSeq, three message-specific bytes — then abData. Used by the host driver and by the virtual reader.
 */
import { ReaderError } from "./errors.ts";

export const CCID_HEADER_LENGTH = 10;

/** PC_to_RDR message types (host → reader). */
export const PcToRdr = {
  IccPowerOn: 0x62,
  IccPowerOff: 0x63,
  GetSlotStatus: 0x65,
  XfrBlock: 0x6f,
  GetParameters: 0x6c,
  Abort: 0x72,
} as const;

/** RDR_to_PC message types (reader → host). */
export const RdrToPc = {
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
} as const;

/** Interrupt-IN message types. */
export const RdrToPcInterrupt = {
  NotifySlotChange: 0x50,
  HardwareError: 0x51,
} as const;

/** bStatus bits 6–7 (bmCommandStatus). */
export const CommandStatus = { ok: 0, failed: 1, timeExtension: 2 } as const;
/** bStatus bits 0–1 (bmICCStatus). */
export const IccStatus = { active: 0, inactive: 1, absent: 2 } as const;

/** bError values of a failed command (CCID §6.2.6). */
export const SlotError = {
  CMD_ABORTED: 0xff,
  ICC_MUTE: 0xfe,
  XFR_PARITY_ERROR: 0xfd,
  XFR_OVERRUN: 0xfc,
  HW_ERROR: 0xfb,
  BAD_ATR_TS: 0xf8,
  BAD_ATR_TCK: 0xf7,
  ICC_PROTOCOL_NOT_SUPPORTED: 0xf6,
  ICC_CLASS_NOT_SUPPORTED: 0xf5,
  PROCEDURE_BYTE_CONFLICT: 0xf4,
  DEACTIVATED_PROTOCOL: 0xf3,
  BUSY_WITH_AUTO_SEQUENCE: 0xf2,
  PIN_TIMEOUT: 0xf0,
  PIN_CANCELLED: 0xef,
  CMD_SLOT_BUSY: 0xe0,
  CMD_NOT_SUPPORTED: 0x00,
  BAD_SLOT: 0x05,
} as const;

/** wLevelParameter values of XfrBlock at extended APDU level (CCID §6.1.4), and the reply's bChainParameter. */
export const LevelParameter = {
  complete: 0x0000,
  begin: 0x0001,
  end: 0x0002,
  continue: 0x0003,
  /** An empty XfrBlock asking for the next block of a chained response. */
  nextResponse: 0x0010,
} as const;

export interface CcidMessage {
  type: number;
  slot: number;
  seq: number;
  /** The three message-specific header bytes (bytes 7–9). */
  params: [number, number, number];
  data: Uint8Array;
}

export function encodeCcidMessage(message: CcidMessage): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(CCID_HEADER_LENGTH + message.data.length);
  const view = new DataView(out.buffer);
  out[0] = message.type;
  view.setUint32(1, message.data.length, true);
  out[5] = message.slot;
  out[6] = message.seq;
  out[7] = message.params[0];
  out[8] = message.params[1];
  out[9] = message.params[2];
  out.set(message.data, CCID_HEADER_LENGTH);
  return out;
}

/**
 * Decodes one bulk message. `maxLength` is the reader's dwMaxCCIDMessageLength; a frame that is shorter than
 * its header says, longer than allowed, or carries trailing bytes is malformed.
 */
export function decodeCcidMessage(bytes: Uint8Array, maxLength = 65544): CcidMessage {
  if (bytes.length < CCID_HEADER_LENGTH) {
    throw new ReaderError("malformed_reply", `a CCID message needs 10 header bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(1, true);
  if (length + CCID_HEADER_LENGTH > maxLength) {
    throw new ReaderError("malformed_reply", `a CCID message of ${length} data bytes exceeds the maximum`);
  }
  if (bytes.length !== CCID_HEADER_LENGTH + length) {
    throw new ReaderError(
      "malformed_reply",
      `a CCID message announces ${length} data bytes but carries ${bytes.length - CCID_HEADER_LENGTH}`,
    );
  }
  return {
    type: bytes[0]!,
    slot: bytes[5]!,
    seq: bytes[6]!,
    params: [bytes[7]!, bytes[8]!, bytes[9]!],
    data: bytes.slice(CCID_HEADER_LENGTH),
  };
}

/** The reply fields of an RDR_to_PC message: bStatus, bError, bClockStatus / bChainParameter. */
export function replyStatus(message: CcidMessage): {
  commandStatus: number;
  iccStatus: number;
  error: number;
  chain: number;
} {
  const [status, error, chain] = message.params;
  return { commandStatus: status >> 6, iccStatus: status & 0x03, error, chain };
}

export function statusByte(commandStatus: number, iccStatus: number): number {
  return ((commandStatus & 0x03) << 6) | (iccStatus & 0x03);
}

/** Decodes an interrupt-IN message: NotifySlotChange carries 2 bits per slot (present, changed). */
export function decodeSlotChange(bytes: Uint8Array): { slot: number; present: boolean; changed: boolean }[] {
  if (bytes.length < 2 || bytes[0] !== RdrToPcInterrupt.NotifySlotChange) {
    throw new ReaderError("malformed_reply", "not a NotifySlotChange message");
  }
  const slots: { slot: number; present: boolean; changed: boolean }[] = [];
  for (let i = 1; i < bytes.length; i++) {
    for (let j = 0; j < 4; j++) {
      const bits = (bytes[i]! >> (j * 2)) & 0x03;
      slots.push({ slot: (i - 1) * 4 + j, present: (bits & 1) === 1, changed: (bits & 2) === 2 });
    }
  }
  return slots;
}

export function encodeSlotChange(slots: readonly { present: boolean; changed: boolean }[]): Uint8Array {
  const out = new Uint8Array(1 + Math.ceil(Math.max(slots.length, 1) / 4));
  out[0] = RdrToPcInterrupt.NotifySlotChange;
  slots.forEach((s, i) => {
    const bits = (s.present ? 1 : 0) | (s.changed ? 2 : 0);
    out[1 + (i >> 2)]! |= bits << ((i & 3) * 2);
  });
  return out;
}
