/**
 * @module Validity periods of cards and certificates. A card is valid until the 10th birthday after issue (the
 * 5th for residents under 18 at issue); both certificates until the earliest of the 5th birthday after issue and
 * the card's expiry (jpki.md §6 [K9]). Periods end at 23:59:59 JST on that birthday.
 */
import { jstWallClock } from "@catv/contracts/calendar";
import { parseIsoDate } from "@catv/jpki";

/** The ISO date of the `n`-th birthday strictly after `issuedAt` (a 29 February birthday falls on 1 March). */
export function nthBirthdayAfter(birthDate: string, issuedAt: Date, n: number): string {
  const { month, day } = parseIsoDate(birthDate);
  const issuedJst = jstWallClock(issuedAt);
  let year = issuedJst.getUTCFullYear();
  const thisYears = new Date(Date.UTC(year, month - 1, day));
  if (thisYears.getTime() <= Date.UTC(year, issuedJst.getUTCMonth(), issuedJst.getUTCDate())) year += 1;
  return new Date(Date.UTC(year + n - 1, month - 1, day)).toISOString().slice(0, 10);
}

export function ageOn(birthDate: string, at: Date): number {
  const { year, month, day } = parseIsoDate(birthDate);
  const jst = jstWallClock(at);
  const beforeBirthday =
    jst.getUTCMonth() + 1 < month || (jst.getUTCMonth() + 1 === month && jst.getUTCDate() < day);
  return jst.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

export function cardExpiresOn(birthDate: string, issuedAt: Date): string {
  return nthBirthdayAfter(birthDate, issuedAt, ageOn(birthDate, issuedAt) >= 18 ? 10 : 5);
}

/** The instant a validity ending on `isoDate` ends: 23:59:59 JST = 14:59:59Z. */
export function endOfDayJst(isoDate: string): Date {
  return new Date(`${isoDate}T14:59:59Z`);
}

export function certificateNotAfter(birthDate: string, issuedAt: Date, cardExpiry: string): Date {
  const fifth = nthBirthdayAfter(birthDate, issuedAt, 5);
  return endOfDayJst(fifth < cardExpiry ? fifth : cardExpiry);
}
