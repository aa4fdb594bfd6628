import { describe, expect, it } from "vitest";
import {
  addedTax,
  collectionFee,
  corporateNumberCheckDigit,
  includedTax,
  isInvoiceRegistrationNumber,
  summariseTax,
} from "./invoice-tax.ts";

describe("summariseTax", () => {
  it("computes tax once per rate over the tax-included totals, rounding down", () => {
    const s = summariseTax([
      { amountYen: 4_400, taxRatePercent: 10 },
      { amountYen: 550, taxRatePercent: 10 },
      { amountYen: 108, taxRatePercent: 8 },
      { amountYen: 300, taxRatePercent: 0 },
    ]);
    expect(s).toEqual({
      total10Yen: 4_950,
      tax10Yen: 450,
      total8Yen: 108,
      tax8Yen: 8,
      total0Yen: 300,
      totalYen: 5_358,
    });
  });
  it("lets a reversal reduce the rate's total", () => {
    const s = summariseTax([
      { amountYen: 1_100, taxRatePercent: 10 },
      { amountYen: -550, taxRatePercent: 10 },
    ]);
    expect(s.total10Yen).toBe(550);
    expect(s.tax10Yen).toBe(50);
  });
});

describe("includedTax", () => {
  it("rounds the contained tax toward zero", () => {
    expect(includedTax(1_000, 10)).toBe(90);
    expect(includedTax(-1_000, 10)).toBe(-90);
  });
});

describe("addedTax", () => {
  it("rounds the added tax toward zero", () => {
    expect(addedTax(1_999, 10)).toBe(199);
    expect(addedTax(25, 8)).toBe(2);
  });
});

describe("collectionFee", () => {
  it("applies the rate in basis points and rounds half up", () => {
    expect(collectionFee(10_000, 500)).toBe(500);
    expect(collectionFee(1_010, 250)).toBe(25);
  });
});

describe("invoice registration numbers", () => {
  it("accepts a T number whose first digit is the 法人番号 check digit", () => {
    const body = "700110005901";
    expect(isInvoiceRegistrationNumber(`T${corporateNumberCheckDigit(body)}${body}`)).toBe(true);
  });
  it("refuses a wrong check digit", () => {
    const body = "700110005901";
    const wrong = (corporateNumberCheckDigit(body) % 9) + 1;
    expect(isInvoiceRegistrationNumber(`T${wrong}${body}`)).toBe(false);
  });
});
