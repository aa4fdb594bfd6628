import { describe, expect, it } from "vitest";
import { decodeCommandApdu, encodeCommandApdu } from "./command-apdu.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("encodeCommandApdu", () => {
  it("encodes a case 1 command as its four header bytes", () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 }))).toBe("00200080");
  });

  it("encodes Le 256 as 00 in short form", () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe("00b0000000");
  });

  it("encodes a short case 4 command with Lc and Le", () => {
    const apdu = encodeCommandApdu({
      cla: 0x80,
      ins: 0x2a,
      p1: 0,
      p2: 0x80,
      data: Uint8Array.of(1, 2),
      le: 256,
    });
    expect(hex(apdu)).toBe("802a0080020102" + "00");
  });

  it("switches to the extended form for Le above 256", () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 }))).toBe("00b000000003e8");
  });

  it("encodes Le 65536 as 0000 in extended form", () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }))).toBe(
      "00b0000000" + "0000",
    );
  });

  it("uses the extended form with two Le bytes when the body exceeds 255 bytes", () => {
    const apdu = encodeCommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(300), le: 256 });
    expect(apdu.length).toBe(4 + 3 + 300 + 2);
    expect(hex(apdu.subarray(4, 7))).toBe("00012c");
    expect(hex(apdu.subarray(-2))).toBe("0100");
  });

  it("refuses a P1 that is not a byte", () => {
    expect(() => encodeCommandApdu({ cla: 0, ins: 0, p1: 256, p2: 0 })).toThrow(/P1 must be a byte/);
  });

  it("refuses an Le of 0", () => {
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(/Le must be/);
  });
});

describe("decodeCommandApdu", () => {
  const cases = [
    { cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: Uint8Array.of(1, 2, 3) },
    { cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 4 },
    { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 },
    { cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: new Uint8Array(51).fill(7), le: 256 },
    { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(1000).fill(9), le: 2000 },
    { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(1000).fill(9) },
  ];
  it.each(cases.map((c, i) => [i, c] as const))(
    "round-trips command %i through encode and decode",
    (_, c) => {
      expect(decodeCommandApdu(encodeCommandApdu(c))).toEqual(c);
    },
  );

  it("refuses a short body whose Lc disagrees with its length", () => {
    expect(() => decodeCommandApdu(Uint8Array.of(0, 0xa4, 4, 0x0c, 5, 1, 2))).toThrow(/do not match/);
  });

  it("refuses fewer than four bytes", () => {
    expect(() => decodeCommandApdu(Uint8Array.of(0, 0xa4))).toThrow(/4 header bytes/);
  });
});
