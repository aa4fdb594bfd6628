import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RevokedSerialIndex, RevokedSerialIndexBuilder } from "./revoked-serial-index.ts";

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString("hex")
    .replace(/^0+(?=.)/, "");

function build(
  serials: Uint8Array[],
  dateOf = (i: number) => 1_700_000_000 + i,
  reasonOf = (i: number) => i % 11,
) {
  const builder = new RevokedSerialIndexBuilder();
  serials.forEach((serial, i) => {
    let start = 0;
    while (start < serial.length - 1 && serial[start] === 0) start++;
    builder.add(serial, start, serial.length - start, dateOf(i), reasonOf(i));
  });
  return builder.build();
}

// Tens of thousands of entries each: generous timeouts for a loaded machine.
describe("revoked-serial index", { timeout: 120_000 }, () => {
  it("finds every one of 70 000 random 16-octet serials with its date and reason, and none of 20 000 others", () => {
    // Over 65 536 entries: two bucket octets, moved to their buckets in two passes.
    const serials = Array.from({ length: 70_000 }, () => randomBytes(16));
    const index = build(serials);
    expect(index.size).toBe(70_000);
    expect(index.data.prefixBytes).toBe(2);
    const wrong: string[] = [];
    serials.forEach((serial, i) => {
      const position = index.findHex(serial.toString("hex"));
      if (position < 0) wrong.push(`missing ${i}`);
      else if (
        index.revokedAtSecondsAt(position) !== 1_700_000_000 + i ||
        index.reasonAt(position) !== i % 11
      )
        wrong.push(`wrong date or reason ${i}`);
    });
    const present = new Set(serials.map((s) => hex(s)));
    for (let i = 0; i < 20_000; i++) {
      const other = randomBytes(16);
      if (!present.has(hex(other)) && index.findBytes(other) !== -1)
        wrong.push(`false positive ${hex(other)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("holds serials of 1 to 20 octets side by side, whatever the case or leading zeros of the lookup", () => {
    const serials = Array.from({ length: 4000 }, (_, i) => {
      const serial = randomBytes(1 + (i % 20));
      serial[0] = (serial[0] as number) | 1;
      return serial;
    });
    const index = build(serials);
    const present = new Set(serials.map((s) => hex(s)));
    for (const serial of serials) {
      const plain = serial.toString("hex");
      expect(index.findHex(plain)).toBeGreaterThanOrEqual(0);
      expect(index.findHex(`00${plain.toUpperCase()}`)).toBe(index.findHex(plain));
      // The same octets followed by 00 are another serial, found only if it was listed too.
      expect(index.findHex(`${plain}00`) >= 0).toBe(present.has(hex(Buffer.from(`${plain}00`, "hex"))));
    }
    const longer = Buffer.concat([Buffer.from([1]), serials[19] as Buffer]);
    expect(index.findBytes(longer)).toBe(-1);
  });

  it("is exact for consecutive serials that share most of their octets", () => {
    const base = BigInt(`0x${"7e".repeat(12)}00000000`);
    const serials = Array.from({ length: 70_000 }, (_, i) =>
      Buffer.from((base + BigInt(i * 3)).toString(16).padStart(32, "0"), "hex"),
    );
    const index = build(serials);
    const wrong: number[] = [];
    for (let i = 0; i < 70_000 * 3; i++) {
      if (index.findHex((base + BigInt(i)).toString(16)) >= 0 !== (i % 3 === 0)) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    // i·3 < 2^24, so the thirteenth octet is zero throughout as well.
    expect(index.data.common.length).toBe(13);
  });

  it("orders serials that tie on their first four octets by the rest", () => {
    const prefix = Buffer.from("11223344", "hex");
    const serials = Array.from({ length: 500 }, () => Buffer.concat([prefix, randomBytes(6)]));
    serials.push(Buffer.from("99", "hex"));
    const index = build(serials);
    for (const serial of serials) expect(index.findBytes(serial)).toBeGreaterThanOrEqual(0);
    const listed = [...index.entries()].map((e) => e.serialHex);
    expect(listed).toEqual([...listed].sort((a, b) => (BigInt(`0x${a}`) < BigInt(`0x${b}`) ? -1 : 1)));
  });

  it("tells a serial from the same octets followed by zeros", () => {
    const index = build([Buffer.from("0b", "hex"), Buffer.from("0b00", "hex"), Buffer.from("0b0000", "hex")]);
    const positions = ["0b", "b00", "0B0000"].map((serial) => index.findHex(serial));
    expect(new Set(positions).size).toBe(3);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(index.findHex("b000")).toBe(-1);
  });

  it("keeps the first of a serial listed twice", () => {
    const serial = Buffer.from("0a0b0c", "hex");
    const index = build([serial, Buffer.from("01", "hex"), serial], (i) => 1000 + i);
    expect(index.size).toBe(2);
    expect(index.revokedAtSecondsAt(index.findBytes(serial))).toBe(1000);
  });

  it("an empty index finds nothing", () => {
    const index = new RevokedSerialIndex();
    expect(index.findHex("01")).toBe(-1);
    expect(new RevokedSerialIndexBuilder().build().findBytes(Buffer.from([1]))).toBe(-1);
  });

  it("lists its entries as lower-case hex without leading zeros", () => {
    const index = build(
      [Buffer.from("00ab", "hex"), Buffer.from("0102", "hex")],
      () => 5,
      () => 4,
    );
    expect([...index.entries()]).toEqual([
      { serialHex: "ab", reason: 4, revokedAtSeconds: 5 },
      { serialHex: "102", reason: 4, revokedAtSeconds: 5 },
    ]);
  });
});
