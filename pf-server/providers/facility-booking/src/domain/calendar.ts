/**
 * @module Calendar arithmetic in Japan time. Facilities open by the local calendar, so "tomorrow", "the day
 * before use" and weekdays are JST (UTC+9, no daylight saving) whatever the server's time zone.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The JST calendar date of an instant, `YYYY-MM-DD`. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const WEEKDAY_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar date in `YYYY-MM-DD` form. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** 年末年始 (12/29–1/3): every municipal facility of the demo towns is closed, as is usual in Japan. */
export function isYearEndHoliday(date: string): boolean {
  const md = date.slice(5);
  return md >= "12-29" || md <= "01-03";
}
