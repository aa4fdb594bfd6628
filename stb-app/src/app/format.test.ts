import { describe, expect, it } from "vitest";
import type { Language } from "../lib/settings/preferences.ts";
import { Formatter } from "./format.ts";

const t = (key: string, values?: Record<string, string | number>) =>
  key === "common.yen" ? `¥${values?.amount}` : key;
const formatter = (language: Language) => new Formatter(() => language, t);
const ja = formatter("ja");
const en = formatter("en");

describe("formatting for the TV", () => {
  it("writes dates the Japanese way in Japanese, never as ISO", () => {
    expect(ja.fullDate("2026-06-12")).toBe("2026年6月12日");
    expect(ja.day("2026-12-03")).toBe("12月3日(木)");
    expect(ja.shortDay("2026-12-03")).toBe("12/3");
    expect(ja.month("2026-06")).toBe("6月");
  });

  it("writes dates the British way in English", () => {
    expect(en.fullDate("2026-06-12")).toBe("12 June 2026");
    expect(en.day("2026-12-03")).toBe("Thu 3 December");
    expect(en.shortDay("2026-12-03")).toBe("3/12");
  });

  it("names a slot by the provider's 午前/午後 in Japanese and by its times in English", () => {
    const slot = { label: "午後", startsAt: "13:00", endsAt: "17:00" };
    expect(ja.slotName(slot)).toBe("午後");
    expect(ja.slotTimes(slot)).toBe("13:00〜17:00");
    expect(en.slotName(slot)).toBe("13:00–17:00");
  });

  it("names weekdays in the viewer's language", () => {
    expect(ja.weekdays(["月", "火"])).toBe("月・火");
    expect(en.weekdays(["月", "日"])).toBe("Mon, Sun");
  });

  it("reads the provider's reference ranges into English, and leaves what it cannot read as given", () => {
    expect(en.referenceRange("130未満")).toBe("under 130");
    expect(en.referenceRange("40以上")).toBe("40 or more");
    expect(en.referenceRange("18.5〜24.9")).toBe("18.5–24.9");
    expect(en.referenceRange("陰性")).toBe("陰性");
    expect(ja.referenceRange("130未満")).toBe("130未満");
  });

  it("writes amounts with separators and in yen", () => {
    expect(ja.yen(12000)).toBe("¥12,000");
    expect(ja.amount(8420)).toBe("8,420");
  });
});
