import { describe, expect, it } from "vitest";
import { ascii, concatBytes, toHex } from "./bytes.ts";

describe("byte helpers", () => {
  it("concatenates parts in order, empty ones included", () => {
    expect(concatBytes(Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3))).toEqual(
      Uint8Array.of(1, 2, 3),
    );
  });

  it("encodes ASCII text one byte a character", () => {
    expect(ascii("001")).toEqual(Uint8Array.of(0x30, 0x30, 0x31));
  });

  it("writes two lower-case hex digits a byte", () => {
    expect(toHex(Uint8Array.of(0x0a, 0xff))).toBe("0aff");
  });
});
