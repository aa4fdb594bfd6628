import { describe, expect, it } from "vitest";
import { formatPatientNumber, luhnCheckDigit, normalisePatientNumber } from "./patient-number.ts";

describe("診察券番号", () => {
  it("carries the Luhn check digit of its seven digits", () => {
    // ISO/IEC 7812-1's worked example: 7992739871 has check digit 3.
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(formatPatientNumber(1)).toBe("0000001-8");
  });

  it("is read back from what staff type, hyphen and full-width digits included", () => {
    expect(normalisePatientNumber("0000001-8")).toBe("0000001-8");
    expect(normalisePatientNumber("００００００１８")).toBe("0000001-8");
  });

  it("refuses a number with one digit mistyped, or two neighbours swapped", () => {
    expect(normalisePatientNumber("0000002-8")).toBeUndefined();
    expect(normalisePatientNumber("0000010-8")).toBeUndefined();
  });

  it("refuses a sequence outside seven digits", () => {
    expect(() => formatPatientNumber(0)).toThrow(RangeError);
    expect(() => formatPatientNumber(10_000_000)).toThrow(RangeError);
  });
});
