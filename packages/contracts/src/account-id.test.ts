import { describe, expect, it } from "vitest";
import { accountIdCheckCharacter, formatAccountId, isWellFormedAccountId } from "./account-id.ts";

describe("the account ID's check character (ISO 7064 MOD 37,36)", () => {
  it("accepts an ID formatted with its check character", () => {
    expect(isWellFormedAccountId(formatAccountId("7QK2M9XR4TB1ZC8"))).toBe(true);
  });

  it("catches one mistyped character", () => {
    const id = formatAccountId("7QK2M9XR4TB1ZC8");
    const typo = `8${id.slice(1)}`;
    expect(isWellFormedAccountId(typo)).toBe(false);
  });

  it("catches two neighbouring characters swapped", () => {
    const id = formatAccountId("7QK2M9XR4TB1ZC8");
    const swapped = `${id[1]}${id[0]}${id.slice(2)}`;
    expect(isWellFormedAccountId(swapped)).toBe(false);
  });

  it("refuses lower case and a missing group", () => {
    expect(isWellFormedAccountId(formatAccountId("7QK2M9XR4TB1ZC8").toLowerCase())).toBe(false);
    expect(isWellFormedAccountId("7QK2-M9XR-4TB1")).toBe(false);
  });

  it("computes one character of the alphabet", () => {
    expect(accountIdCheckCharacter("000000000000000")).toMatch(/^[0-9A-Z]$/);
    expect(() => accountIdCheckCharacter("abc")).toThrow(RangeError);
  });
});
