/**
 * @module Decoy 個人番号 for the demo residents: 12 digits whose last is a valid check digit (行政手続における
 * 特定の個人を識別するための番号の利用等に関する法律施行令 8条), so a scanner that recognises real numbers also
 * recognises these. They exist only in the J-LIS residents table; nothing reads them back.
 */
import { randomInt } from "node:crypto";

/** Check digit of the first 11 digits: weights Qn = n+1 (n ≤ 6) or n−5 (n ≥ 7), n counted from the right. */
export function myNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = Number(first11[11 - n]);
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

export function isValidMyNumber(value: string): boolean {
  return /^[0-9]{12}$/.test(value) && myNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

export function generateDecoyMyNumber(): string {
  const first11 = Array.from({ length: 11 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join(
    "",
  );
  return `${first11}${myNumberCheckDigit(first11)}`;
}
