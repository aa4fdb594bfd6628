/**
 * @module How staff pages write times, dates and the ONS codes: JST clock times, 和暦-free ISO dates as
 * `YYYY年M月D日`, 負担割合 as 割, and each code with its Japanese label from the contracts' code tables.
 */
import {
  contributionRatioInTenths,
  insuredCardClassificationLabels,
  limitCertificateClassificationLabels,
  limitClassificationFlagLabels,
  medicalSexLabels,
  personalFamilyClassificationLabels,
  qualificationValidityLabels,
  reasonOfLossLabels,
} from "@catv/contracts";

const timeFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const dateTimeFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export const jstTime = (iso: string) => timeFormat.format(new Date(iso));
export const jstDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** An ISO calendar date as `1958年4月1日`. */
export function japaneseDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** "030" → "3割". */
export const ratio = (threeDigitPercent: string) => `${contributionRatioInTenths(threeDigitPercent)}割`;

const label = <T extends Record<string, string>>(labels: T, code: string | null | undefined) =>
  code ? (labels[code as keyof T] ?? code) : "—";

export const validityLabel = (code: string | null | undefined) => label(qualificationValidityLabels, code);
export const cardClassificationLabel = (code: string) => label(insuredCardClassificationLabels, code);
export const familyLabel = (code: string) => label(personalFamilyClassificationLabels, code);
export const sexLabel = (code: string | null | undefined) => label(medicalSexLabels, code);
export const reasonOfLossLabel = (code: string | undefined) => label(reasonOfLossLabels, code);
export const limitFlagLabel = (code: string) =>
  `区分${label(limitClassificationFlagLabels, code)}（${code}）`;
export const limitCertificateLabel = (code: string) => label(limitCertificateClassificationLabels, code);
