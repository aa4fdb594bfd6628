/**
 * @module The rules of 医療保険 that turn an insured person's record into the facts of a 資格確認 on a given day, so
 * that the answer stays right as people age (the seed is fixed; the calendar is not):
 * - 一部負担金割合 (健康保険法74条, 国民健康保険法42条): 3割; 2割 before compulsory schooling (義務教育就学前); from 70 (高齢受給者) 2割, 3割 for 現役並み所得, 1割 for people born on or
 *   before 1 April 1944 (the 特例措置 that kept them at 1割).
 * - 高齢受給者: from the first day of the month after the 70th birthday (the month of it for a birthday on the 1st:
 *   年齢計算ニ関スル法律 counts the age from the day before the birthday); the 高齢受給者証 runs to 31 July and is
 *   renewed every August (the year's income is re-assessed), and ends the day before the 75th birthday.
 * - 後期高齢者医療: everyone enters it on the 75th birthday (高齢者医療確保法52条), so the 資格 here is lost that day —
 *   医療保険等の資格取得 — whether or not the register has recorded it yet.
 * - 限度額適用区分 by 所得区分: ア…オ under 70, 現役並みⅢ…低所得Ⅰ from 70; the certificate is a 限度額適用・標準負担額減額
 *   認定証 for 住民税非課税 households; it too runs August to July.
 * Dates are ISO calendar dates (JST days).
 */
import type { InsuredPerson } from "./ports.ts";
import type { LimitBracket, ReasonOfLoss } from "./vocabulary.ts";

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const partsOf = (date: string) => ({
  y: Number(date.slice(0, 4)),
  m: Number(date.slice(5, 7)),
  d: Number(date.slice(8, 10)),
});

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  const { y, m, d } = partsOf(date);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The n-th birthday (29 February falls on 1 March in a common year, as 民法143条 counts it). */
export function birthday(birthDate: string, years: number): string {
  const { y, m, d } = partsOf(birthDate);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Age on a day, counted the legal way: one year older from the day before each birthday. */
export function ageOn(birthDate: string, on: string): number {
  const { y } = partsOf(on);
  let age = y - partsOf(birthDate).y;
  if (dayBefore(birthday(birthDate, age)) > on) age -= 1;
  return age;
}

/** The first day a person is a 高齢受給者 (70): the 1st of the month after the 70th birthday, or of its month. */
export function elderlyFrom(birthDate: string): string {
  const seventieth = birthday(birthDate, 70);
  const { y, m, d } = partsOf(seventieth);
  if (d === 1) return iso(y, m, 1);
  return m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1);
}

/** The day the 資格 ends for 後期高齢者医療: the 75th birthday. */
export function lateElderlyFrom(birthDate: string): string {
  return birthday(birthDate, 75);
}

/**
 * Until when a child is 義務教育就学前: the 31 March before the school year they start (学校教育法17条: the April
 * after they are 6 — a child born on 1 April is 6 on 31 March and starts school the next day).
 */
export function preschoolUntil(birthDate: string): string {
  const sixth = partsOf(birthday(birthDate, 6));
  const startsThisApril = sixth.m < 4 || (sixth.m === 4 && sixth.d === 1);
  return iso(startsThisApril ? sixth.y : sixth.y + 1, 3, 31);
}

/** The August-to-July period (高齢受給者証, 限度額適用認定証) a day falls in. */
export function certificateYear(on: string): { from: string; until: string } {
  const { y, m } = partsOf(on);
  const startYear = m >= 8 ? y : y - 1;
  return { from: iso(startYear, 8, 1), until: iso(startYear + 1, 7, 31) };
}

const ACTIVE_INCOME: ReadonlySet<LimitBracket> = new Set(["top", "upper", "middle"]);
/** Born on or before this day: 1割 at 70–74 (the 特例措置 for those who were 70 before April 2014). */
const ONE_TENTH_BORN_BY = "1944-04-01";

/** 一部負担金割合 as ONS spells it ("030" = 3割) on a day. */
export function contributionRatio(
  person: Pick<InsuredPerson, "birthDate" | "incomeBracket">,
  on: string,
): string {
  if (on <= preschoolUntil(person.birthDate)) return "020";
  if (on >= elderlyFrom(person.birthDate)) {
    if (ACTIVE_INCOME.has(person.incomeBracket)) return "030";
    return person.birthDate <= ONE_TENTH_BORN_BY ? "010" : "020";
  }
  return "030";
}

/** The 高齢受給者証 in force on a day, or undefined under 70. */
export function elderlyCertificate(
  person: Pick<InsuredPerson, "birthDate" | "incomeBracket" | "qualificationDate">,
  on: string,
): { validFrom: string; validUntil: string; contributionRatio: string } | undefined {
  const from = elderlyFrom(person.birthDate);
  if (on < from) return undefined;
  const year = certificateYear(on);
  const validFrom = [from, year.from, person.qualificationDate].sort().at(-1)!;
  const validUntil = [year.until, dayBefore(lateElderlyFrom(person.birthDate))].sort()[0]!;
  return { validFrom, validUntil, contributionRatio: contributionRatio(person, on) };
}

const UNDER_70_FLAGS: Record<LimitBracket, string> = {
  top: "A01",
  upper: "A02",
  middle: "A03",
  general: "A04",
  low: "A05",
  lowest: "A05",
};
const FROM_70_FLAGS: Record<LimitBracket, string> = {
  top: "B01",
  upper: "B02",
  middle: "B03",
  general: "B04",
  low: "B05",
  lowest: "B06",
};

/** 限度額適用認定証関連情報 on a day: the 区分 of the household's income, for the person's age. */
export function limitCertificate(
  person: Pick<InsuredPerson, "birthDate" | "incomeBracket" | "qualificationDate">,
  on: string,
): { classification: "01" | "02"; classificationFlag: string; validFrom: string; validUntil: string } {
  const elderly = on >= elderlyFrom(person.birthDate);
  const flag = (elderly ? FROM_70_FLAGS : UNDER_70_FLAGS)[person.incomeBracket];
  const taxExempt = person.incomeBracket === "low" || person.incomeBracket === "lowest";
  const year = certificateYear(on);
  return {
    classification: taxExempt ? "02" : "01",
    classificationFlag: flag,
    validFrom: [year.from, person.qualificationDate].sort().at(-1)!,
    validUntil: [year.until, dayBefore(lateElderlyFrom(person.birthDate))].sort()[0]!,
  };
}

export interface EffectiveLoss {
  disqualificationDate: string;
  reasonOfLoss: ReasonOfLoss;
}

/**
 * The loss of the 資格 as it stands on a day: the register's, or the 75th birthday (後期高齢者医療, 資格取得) if that
 * comes first and the register has not recorded it. Undefined while the person is covered.
 */
export function effectiveLoss(
  person: Pick<InsuredPerson, "birthDate" | "disqualificationDate" | "reasonOfLoss">,
  on: string,
): EffectiveLoss | undefined {
  const lateElderly = lateElderlyFrom(person.birthDate);
  const recorded =
    person.disqualificationDate && person.reasonOfLoss
      ? { disqualificationDate: person.disqualificationDate, reasonOfLoss: person.reasonOfLoss }
      : undefined;
  const candidates = [recorded, { disqualificationDate: lateElderly, reasonOfLoss: "03" as const }].filter(
    (c): c is EffectiveLoss => c !== undefined && c.disqualificationDate <= on,
  );
  return candidates.sort((a, b) => a.disqualificationDate.localeCompare(b.disqualificationDate))[0];
}

/** Whether the person is covered on a day: 資格取得日 reached, no loss on or before it. */
export function coveredOn(
  person: Pick<InsuredPerson, "birthDate" | "qualificationDate" | "disqualificationDate" | "reasonOfLoss">,
  on: string,
): boolean {
  return person.qualificationDate <= on && effectiveLoss(person, on) === undefined;
}
