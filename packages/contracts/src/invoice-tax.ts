/**
 * @module The one consumption-tax rule of every invoice and statement here — the operator's monthly statements to
 * households (tax-included prices, 内税) and the PF's fee statements to operators (tax-exclusive prices, 外税): as a
 * qualified invoice (適格請求書, 消費税法57条の4) shows it, amounts are summed per rate and the tax is computed once
 * per rate per invoice (not per line), rounding toward zero (切り捨て). Also the operator's collection fee and the
 * check of a 適格請求書発行事業者登録番号. Pure functions, no imports.
 */

export interface TaxableLine {
  amountYen: number;
  taxRatePercent: number;
}

export interface TaxSummary {
  total10Yen: number;
  tax10Yen: number;
  total8Yen: number;
  tax8Yen: number;
  total0Yen: number;
  totalYen: number;
}

/** 内税: the tax contained in a tax-included total at `ratePercent`%, rounded toward zero (切り捨て). */
export function includedTax(totalYen: number, ratePercent: number): number {
  return Math.trunc((totalYen * ratePercent) / (100 + ratePercent));
}

/** 外税: the tax added to a tax-exclusive subtotal at `ratePercent`%, rounded toward zero (切り捨て). */
export function addedTax(subtotalYen: number, ratePercent: number): number {
  return Math.trunc((subtotalYen * ratePercent) / 100);
}

export function summariseTax(lines: TaxableLine[]): TaxSummary {
  let total10Yen = 0;
  let total8Yen = 0;
  let total0Yen = 0;
  for (const line of lines) {
    if (line.taxRatePercent === 10) total10Yen += line.amountYen;
    else if (line.taxRatePercent === 8) total8Yen += line.amountYen;
    else total0Yen += line.amountYen;
  }
  return {
    total10Yen,
    tax10Yen: includedTax(total10Yen, 10),
    total8Yen,
    tax8Yen: includedTax(total8Yen, 8),
    total0Yen,
    totalYen: total10Yen + total8Yen + total0Yen,
  };
}

/** The operator's collection fee on an amount collected, in basis points, rounded half up to the yen. */
export function collectionFee(grossYen: number, basisPoints: number): number {
  return Math.round((grossYen * basisPoints) / 10_000);
}

/**
 * A 適格請求書発行事業者登録番号 for a corporation is "T" + its 13-digit 法人番号, whose first digit is a check digit
 * (法人番号の指定等に関する省令 第2条): 9 − (Σ Pn·Qn mod 9), Qn = 1 for odd n, 2 for even n, counted from the right.
 */
export function corporateNumberCheckDigit(twelveDigits: string): number {
  const digits = [...twelveDigits].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 2), 0);
  return 9 - (sum % 9);
}

export function isInvoiceRegistrationNumber(value: string): boolean {
  const m = /^T([0-9])([0-9]{12})$/.exec(value);
  return m !== null && Number(m[1]) === corporateNumberCheckDigit(m[2] ?? "");
}
