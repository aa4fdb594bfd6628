/**
 * @module The calendar every system here shares: Japan time (JST, UTC+9, no daylight saving). Billing months,
 * booking days, the PF's metering month and certificate validity all follow the Japanese calendar, whatever the
 * server's time zone. Dates are ISO strings (`YYYY-MM-DD`), months `YYYY-MM`. Browser-safe: no imports, so the TV
 * app bundles only this.
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const instantOf = (at: Date | string): Date => (typeof at === "string" ? new Date(at) : at);

/**
 * The instant shifted by nine hours: its UTC fields (`getUTCFullYear()`, `toISOString()`) read as the JST wall
 * clock.
 */
export function jstWallClock(at: Date | string): Date {
  return new Date(instantOf(at).getTime() + JST_OFFSET_MS);
}

/**
 * The JST calendar date of an instant.
 * @example jstDate(new Date("2026-05-31T20:00:00Z")) // "2026-06-01"
 */
export function jstDate(at: Date | string): string {
  return jstWallClock(at).toISOString().slice(0, 10);
}

/**
 * The JST calendar month of an instant: operators bill, and the PF meters, per JST month.
 * @example jstMonth("2026-05-31T20:00:00Z") // "2026-06"
 */
export function jstMonth(at: Date | string): string {
  return jstDate(at).slice(0, 7);
}

/** The instant 00:00 JST begins on the first day of `month` (`YYYY-MM`). */
export function startOfJstMonth(month: string): Date {
  return new Date(Date.parse(`${month}-01T00:00:00Z`) - JST_OFFSET_MS);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The `count` months before `month`, newest first. */
export function monthsBefore(month: string, count: number): string[] {
  const months: string[] = [];
  for (let m = previousMonth(month); months.length < count; m = previousMonth(m)) months.push(m);
  return months;
}

/** `date` plus `days` calendar days (negative for earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** True for a real calendar date in `YYYY-MM-DD` form (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
