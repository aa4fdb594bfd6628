import { describe, expect, it } from "vitest";
import { cardExpiresOn, certificateNotAfter, nthBirthdayAfter } from "./validity.ts";

const issued = new Date("2026-11-24T01:00:00Z");

describe("validity periods", () => {
  it("counts birthdays strictly after the day of issue", () => {
    expect(nthBirthdayAfter("1980-11-24", issued, 1)).toBe("2027-11-24");
    expect(nthBirthdayAfter("1980-11-25", issued, 1)).toBe("2026-11-25");
  });
  it("gives an adult's card 10 birthdays and a minor's 5", () => {
    expect(cardExpiresOn("1980-02-17", issued)).toBe("2036-02-17");
    expect(cardExpiresOn("2015-06-01", issued)).toBe("2031-06-01");
  });
  it("ends the certificates at 23:59:59 JST of the 5th birthday after issue", () => {
    expect(certificateNotAfter("1980-02-17", issued, "2036-02-17").toISOString()).toBe(
      "2031-02-17T14:59:59.000Z",
    );
  });
  it("ends the certificates with the card when the card expires first", () => {
    expect(certificateNotAfter("1980-02-17", issued, "2028-01-01").toISOString()).toBe(
      "2028-01-01T14:59:59.000Z",
    );
  });
});
