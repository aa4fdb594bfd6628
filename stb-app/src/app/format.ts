/**
 * @module How the TV writes dates, money, times and the providers' Japanese wording in the viewer's language:
 * Japanese dates (2026年6月12日, 12月3日(木)) rather than ISO, ¥ amounts, and — in English — times instead of
 * 午前/午後, weekday names instead of 月/火, and reference ranges ("under 130" for 130未満). Providers speak
 * Japanese; the TV translates only what it can read for sure and shows the rest as given.
 */
import { parseReference } from "../lib/health/trend-chart.ts";
import type { Language } from "../lib/settings/preferences.ts";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** 日…土 as providers write closed weekdays, Sunday first (Date#getUTCDay order). */
const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** A time-of-day slot as providers describe it: their Japanese label and its times. */
export interface SlotTimes {
  label: string;
  startsAt: string;
  endsAt: string;
}

const utcDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export class Formatter {
  readonly #language: () => Language;
  readonly #t: Translate;

  constructor(language: () => Language, t: Translate) {
    this.#language = language;
    this.#t = t;
  }

  get language(): Language {
    return this.#language();
  }

  #locale(): string {
    return this.#language() === "en" ? "en-GB" : "ja-JP";
  }

  #date(isoDate: string, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.#locale(), { ...options, timeZone: "UTC" }).format(utcDate(isoDate));
  }

  /** A whole number with thousands separators (the same in both languages). */
  amount(value: number): string {
    return value.toLocaleString("ja-JP");
  }

  /** ¥ in the viewer's language: 1,200円 / ¥1,200. */
  yen(value: number): string {
    return this.#t("common.yen", { amount: this.amount(value) });
  }

  /** A day of a booking: 12月3日(木) / Thu 3 December. */
  day(isoDate: string): string {
    return this.#date(isoDate, { month: "long", day: "numeric", weekday: "short" });
  }

  /** A date with its year (checkups, notices): 2026年6月12日 / 12 June 2026. */
  fullDate(isoDate: string): string {
    return this.#date(isoDate, { year: "numeric", month: "long", day: "numeric" });
  }

  /** A day on the date picker: 12/3 / 3/12 (day first in English, as en-GB writes it). */
  shortDay(isoDate: string): string {
    const d = utcDate(isoDate);
    return this.#language() === "en"
      ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}`
      : `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  }

  /** The weekday alone: 木 / Thu. */
  weekday(isoDate: string): string {
    return this.#date(isoDate, { weekday: "short" });
  }

  /** A month of the steps chart (YYYY-MM): 6月 / Jun. */
  month(yearMonth: string): string {
    return this.#date(`${yearMonth}-01`, { month: "short" });
  }

  /** A slot's name: the provider's 午前/午後/夜間 in Japanese, its times in English. */
  slotName(slot: SlotTimes): string {
    return this.#language() === "en" ? `${slot.startsAt}–${slot.endsAt}` : slot.label;
  }

  /** A slot's times: 09:00〜12:00 / 09:00–12:00. */
  slotTimes(slot: SlotTimes): string {
    return this.#language() === "en" ? `${slot.startsAt}–${slot.endsAt}` : `${slot.startsAt}〜${slot.endsAt}`;
  }

  /** Weekdays as providers write them (月, 火): 月・火 / Mon, Tue. */
  weekdays(days: string[]): string {
    if (this.#language() !== "en") return days.join("・");
    return days
      .map((day) => {
        const index = WEEKDAYS_JA.indexOf(day as (typeof WEEKDAYS_JA)[number]);
        // 2023-01-01 was a Sunday: the index is the day of that week.
        return index < 0 ? day : this.weekday(`2023-01-0${index + 1}`);
      })
      .join(", ");
  }

  /**
   * A checkup reference range as the provider words it (130未満, 40以上, 18.5〜24.9): as given in Japanese; in
   * English read with the chart's own parser (one rule for both), anything it cannot read as given.
   */
  referenceRange(range: string): string {
    if (this.#language() !== "en") return range;
    const { low, high } = parseReference(range);
    if (low !== undefined && high !== undefined) return `${low}–${high}`;
    if (high !== undefined) return `under ${high}`;
    if (low !== undefined) return `${low} or more`;
    return range;
  }

  /** A service's name in the viewer's language. */
  serviceName(service: { name: string; nameEn: string }): string {
    return this.#language() === "en" ? service.nameEn : service.name;
  }
}
