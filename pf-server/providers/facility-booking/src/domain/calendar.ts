/**
 * @module The facilities' own calendar rules, on top of the shared JST calendar of `@catv/contracts/calendar`
 * (facilities open by the local calendar, so "tomorrow", "the day before use" and weekdays are JST days).
 */

export const WEEKDAY_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** 年末年始 (12/29–1/3): every municipal facility of the demo towns is closed, as is usual in Japan. */
export function isYearEndHoliday(date: string): boolean {
  const md = date.slice(5);
  return md >= "12-29" || md <= "01-03";
}
