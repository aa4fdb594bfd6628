/**
 * @module 診察券番号 (the hospital's patient number): seven digits of a sequence and a check digit, shown as
 * `1234567-8`. The check digit is the Luhn digit (ISO/IEC 7812-1 Annex B), so a digit mistyped at the counter, or
 * two neighbours swapped, is caught before a record is opened.
 */

/** The Luhn check digit of a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    // The digit next to the check digit is doubled, then every second one leftwards.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The number for the `sequence`-th patient: `0000018-…`. */
export function formatPatientNumber(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9_999_999) {
    throw new RangeError("the patient sequence runs from 1 to 9 999 999");
  }
  const body = String(sequence).padStart(7, "0");
  return `${body}-${luhnCheckDigit(body)}`;
}

/** A number as staff type it (with or without the hyphen, full-width digits too), or undefined if it is not one. */
export function normalisePatientNumber(input: string): string | undefined {
  const digits = input.normalize("NFKC").replace(/[\s-]/g, "");
  if (!/^[0-9]{8}$/.test(digits)) return undefined;
  const body = digits.slice(0, 7);
  return luhnCheckDigit(body) === Number(digits[7]) ? `${body}-${digits[7]}` : undefined;
}
