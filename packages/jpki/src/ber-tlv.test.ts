import { describe, expect, it } from "vitest";
import { decodeTlvs, encodeTlv } from "./ber-tlv.ts";

describe("BER-TLV", () => {
  it("encodes two-byte tags and the 82 length form", () => {
    const tlv = encodeTlv(0x5f37, new Uint8Array(256));
    expect(Array.from(tlv.subarray(0, 5))).toEqual([0x5f, 0x37, 0x82, 0x01, 0x00]);
  });
  it("decodes what it encodes, with the raw bytes", () => {
    const bytes = Uint8Array.from([
      ...encodeTlv(0xdf11, Uint8Array.of(1, 2)),
      ...encodeTlv(0x90, Uint8Array.of(3)),
    ]);
    const tlvs = decodeTlvs(bytes);
    expect(tlvs.map((t) => t.tag)).toEqual([0xdf11, 0x90]);
    expect(Array.from(tlvs[0]!.raw)).toEqual([0xdf, 0x11, 2, 1, 2]);
  });
  it("stops at EF padding when asked", () => {
    const bytes = Uint8Array.from([...encodeTlv(0x90, Uint8Array.of(3)), 0xff, 0xff]);
    expect(decodeTlvs(bytes, { stopAtPadding: true })).toHaveLength(1);
  });
  it("refuses a value that runs past the end", () => {
    expect(() => decodeTlvs(Uint8Array.of(0x90, 0x05, 1))).toThrow(/past the end/);
  });
});
