/**
 * @module 和暦 YYMMDD for the 券面事項確認AP's 生年月日 key (kenkaku.md §2: 1980-02-17 → "550217").
 */

/** Era start dates (the first day of each era), newest first. */
const ERAS = [
  { start: "2019-05-01", firstYear: 2019 }, // 令和
  { start: "1989-01-08", firstYear: 1989 }, // 平成
  { start: "1926-12-25", firstYear: 1926 }, // 昭和
  { start: "1912-07-30", firstYear: 1912 }, // 大正
  { start: "1868-10-23", firstYear: 1868 }, // 明治
] as const;

/** `isoDate` is YYYY-MM-DD; the era year is 1 in the era's first (partial) Gregorian year. */
export function warekiYymmdd(isoDate: string): string {
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) throw new Error(`no Japanese era for ${isoDate}`);
  const [year, month, day] = isoDate.split("-");
  const eraYear = Number(year) - era.firstYear + 1;
  return `${String(eraYear).padStart(2, "0")}${month}${day}`;
}
