import { describe, expect, it } from "vitest";
import { generateDecoyMyNumber, isValidMyNumber, myNumberCheckDigit } from "./decoy-my-number.ts";

describe("decoy 個人番号", () => {
  it("computes the check digit of the statutory formula (12345678901 → 8)", () => {
    expect(myNumberCheckDigit("12345678901")).toBe(8);
  });
  it("generates 12-digit numbers with a valid check digit", () => {
    for (let i = 0; i < 50; i++) expect(isValidMyNumber(generateDecoyMyNumber())).toBe(true);
  });
  it("rejects a number whose check digit is wrong", () => {
    expect(isValidMyNumber("123456789019")).toBe(false);
  });
});
