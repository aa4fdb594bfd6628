import { describe, expect, it } from "vitest";
import { buildCcidClassDescriptor } from "../reader/ccid-device-descriptors.ts";
import { parseCcidDescriptor } from "./ccid-descriptor.ts";
import { decodeCcidMessage, decodeSlotChange, encodeCcidMessage, encodeSlotChange } from "./ccid-message.ts";

describe("CCID bulk messages", () => {
  it("round-trips a message with its little-endian length, slot and sequence", () => {
    const message = {
      type: 0x6f,
      slot: 1,
      seq: 200,
      params: [4, 1, 0] as [number, number, number],
      data: Uint8Array.of(9, 8),
    };
    const bytes = encodeCcidMessage(message);
    expect(Array.from(bytes.subarray(0, 10))).toEqual([0x6f, 2, 0, 0, 0, 1, 200, 4, 1, 0]);
    expect(decodeCcidMessage(bytes)).toEqual(message);
  });

  it("refuses a frame whose dwLength disagrees with its size", () => {
    const bytes = encodeCcidMessage({
      type: 0x80,
      slot: 0,
      seq: 0,
      params: [0, 0, 0],
      data: Uint8Array.of(1, 2, 3),
    });
    expect(() => decodeCcidMessage(bytes.subarray(0, 12))).toThrow(/announces 3 data bytes/);
  });

  it("refuses a frame longer than the reader's maximum message length", () => {
    const bytes = encodeCcidMessage({
      type: 0x80,
      slot: 0,
      seq: 0,
      params: [0, 0, 0],
      data: new Uint8Array(300),
    });
    expect(() => decodeCcidMessage(bytes, 271)).toThrow(/exceeds the maximum/);
  });

  it("encodes and decodes NotifySlotChange with present and changed bits per slot", () => {
    const bytes = encodeSlotChange([
      { present: true, changed: true },
      { present: false, changed: false },
    ]);
    expect(Array.from(bytes)).toEqual([0x50, 0x03]);
    expect(decodeSlotChange(bytes).slice(0, 2)).toEqual([
      { slot: 0, present: true, changed: true },
      { slot: 1, present: false, changed: false },
    ]);
  });
});

describe("parseCcidDescriptor", () => {
  it("reads the exchange level and maximum message length from dwFeatures and dwMaxCCIDMessageLength", () => {
    const d = parseCcidDescriptor(
      buildCcidClassDescriptor({
        slots: 2,
        exchangeLevel: "extended-apdu",
        maxMessageLength: 65554,
        interfaceClass: 0x0b,
      }),
    );
    expect(d).toMatchObject({
      bcdCcid: 0x0110,
      maxSlotIndex: 1,
      exchangeLevel: "extended-apdu",
      maxMessageLength: 65554,
    });
  });

  it("refuses a block that is not a 54-byte class descriptor", () => {
    expect(() => parseCcidDescriptor(new Uint8Array(54))).toThrow(/no 54-byte CCID class descriptor/);
  });
});
