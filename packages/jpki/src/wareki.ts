/**
 * @module Japanese era (和暦) arithmetic for the two places JPKI uses it: the era digit of the 4情報 birth date
 * (`EYYYYMMDD`, jpki.md §6) and the 生年月日 key of the 券面事項確認AP (和暦 `YYMMDD`, kenkaku.md §2).
 */
import { JpkiCodecError } from "./jpki-codec-error.ts";

export interface Era {
  /** Digit used by JPKI: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和. */
  digit: 1 | 2 | 3 | 4 | 5;
  name: "明治" | "大正" | "昭和" | "平成" | "令和";
  /** First day of the era (ISO date); year 1 (元年) is the Gregorian year of this day. */
  startsOn: string;
}

/** Newest first, so the first era whose start is on or before a date is that date's era. */
export const ERAS: readonly Era[] = [
  { digit: 5, name: "令和", startsOn: "2019-05-01" },
  { digit: 4, name: "平成", startsOn: "1989-01-08" },
  { digit: 3, name: "昭和", startsOn: "1926-12-25" },
  { digit: 2, name: "大正", startsOn: "1912-07-30" },
  { digit: 1, name: "明治", startsOn: "1868-10-23" },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks an ISO `YYYY-MM-DD` calendar date (rejects 2023-02-30) and returns its parts. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new JpkiCodecError("malformed_birth_date", "expected a date as YYYY-MM-DD");
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new JpkiCodecError("malformed_birth_date", "not a calendar date");
  }
  return { year, month, day };
}

/** The era of a date, or `undefined` before 明治 (JPKI then writes era digit 0). */
export function eraOf(iso: string): Era | undefined {
  parseIsoDate(iso);
  return ERAS.find((era) => era.startsOn <= iso);
}

/** Year within the era: 1 for 元年. */
export function eraYear(iso: string, era: Era): number {
  return parseIsoDate(iso).year - Number(era.startsOn.slice(0, 4)) + 1;
}

/**
 * The 券面事項確認AP 生年月日 key: 和暦 `YYMMDD` in ASCII digits (1980-02-17 → `550217`, kenkaku.md §2).
 * @example birthDateKey("1980-02-17") // "550217"
 */
export function birthDateKey(iso: string): string {
  const era = eraOf(iso);
  if (!era) throw new JpkiCodecError("malformed_birth_date", "dates before 明治 have no 和暦 key");
  const { month, day } = parseIsoDate(iso);
  const yy = eraYear(iso, era);
  return `${String(yy).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
}
