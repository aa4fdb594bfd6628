/**
 * @module The CCID class descriptor (type 0x21, 54 bytes, CCID rev 1.1 §5.1) and how to find the reader's
 * interface in a WebUSB configuration. WebUSB does not expose class descriptors, so the driver reads the whole
 * configuration descriptor with GET_DESCRIPTOR through `controlTransferIn` and picks the 54-byte block that
 * follows the CCID interface descriptor (what jbirkholz/webusbAuth does).
 */
import { ReaderError } from "./errors.ts";

export const CCID_CLASS = 0x0b;
export const VENDOR_CLASS = 0xff;
export const CCID_DESCRIPTOR_TYPE = 0x21;
export const CCID_DESCRIPTOR_LENGTH = 54;

/** Exchange levels in dwFeatures (mask 0x70000). */
export const ExchangeLevel = {
  character: 0,
  tpdu: 0x10000,
  shortApdu: 0x20000,
  extendedApdu: 0x40000,
} as const;
export type ExchangeLevelName = "character" | "tpdu" | "short-apdu" | "extended-apdu";

export interface CcidDescriptor {
  bcdCcid: number;
  maxSlotIndex: number;
  protocols: number;
  maxIfsd: number;
  features: number;
  maxMessageLength: number;
  exchangeLevel: ExchangeLevelName;
  pinSupport: number;
  maxBusySlots: number;
}

export function parseCcidDescriptor(bytes: Uint8Array): CcidDescriptor {
  if (
    bytes.length < CCID_DESCRIPTOR_LENGTH ||
    bytes[0] !== CCID_DESCRIPTOR_LENGTH ||
    bytes[1] !== CCID_DESCRIPTOR_TYPE
  ) {
    throw new ReaderError("reader_unsupported", "no 54-byte CCID class descriptor");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const features = view.getUint32(40, true);
  const level = features & 0x70000;
  const exchangeLevel: ExchangeLevelName =
    level & ExchangeLevel.extendedApdu
      ? "extended-apdu"
      : level & ExchangeLevel.shortApdu
        ? "short-apdu"
        : level & ExchangeLevel.tpdu
          ? "tpdu"
          : "character";
  return {
    bcdCcid: view.getUint16(2, true),
    maxSlotIndex: bytes[4]!,
    protocols: view.getUint32(6, true),
    maxIfsd: view.getUint32(28, true),
    features,
    maxMessageLength: view.getUint32(44, true),
    exchangeLevel,
    pinSupport: bytes[52]!,
    maxBusySlots: bytes[53]!,
  };
}

export interface CcidInterfaceLocation {
  interfaceNumber: number;
  descriptor: CcidDescriptor;
}

/**
 * Walks a configuration descriptor (interface descriptors are type 0x04) and returns the first interface of
 * class 0x0B, or of class 0xFF followed by a 54-byte class descriptor (vendor-class CCID readers and emulators).
 */
export function findCcidInterface(configuration: Uint8Array): CcidInterfaceLocation {
  let current: { number: number; cls: number } | undefined;
  for (let i = 0; i + 1 < configuration.length; ) {
    const length = configuration[i]!;
    const type = configuration[i + 1]!;
    if (length < 2 || i + length > configuration.length) break;
    if (type === 0x04 && length >= 9) {
      current = { number: configuration[i + 2]!, cls: configuration[i + 5]! };
    } else if (
      current &&
      (current.cls === CCID_CLASS || current.cls === VENDOR_CLASS) &&
      length === CCID_DESCRIPTOR_LENGTH &&
      type === CCID_DESCRIPTOR_TYPE
    ) {
      return {
        interfaceNumber: current.number,
        descriptor: parseCcidDescriptor(configuration.subarray(i, i + length)),
      };
    }
    i += length;
  }
  throw new ReaderError("reader_unsupported", "the device has no CCID interface");
}
