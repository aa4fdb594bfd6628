import { describe, expect, it } from "vitest";
import { generateHealthHistory } from "./generate-health-history.ts";

const at = new Date("2026-11-24T01:00:00Z");

describe("sample health history", () => {
  it("is the same for the same pairwise ID", () => {
    expect(generateHealthHistory("pw-aaaaaaaaaaaaaaaa", at)).toEqual(
      generateHealthHistory("pw-aaaaaaaaaaaaaaaa", at),
    );
  });

  it("differs between pairwise IDs", () => {
    const a = generateHealthHistory("pw-aaaaaaaaaaaaaaaa", at).history.checkups;
    const b = generateHealthHistory("pw-bbbbbbbbbbbbbbbb", at).history.checkups;
    expect(a).not.toEqual(b);
  });

  it("covers five fiscal years of checkups up to the last one and 24 months of steps", () => {
    const { history, profile } = generateHealthHistory("pw-cccccccccccccccc", at);
    expect(history.checkups.map((c) => c.fiscalYear)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(history.steps).toHaveLength(24);
    expect(history.steps.at(-1)!.month).toBe("2026-10");
    expect(profile.age).toBeGreaterThanOrEqual(40);
    expect(profile.age).toBeLessThanOrEqual(74);
  });

  it("keeps every value in a humanly possible range across many viewers", () => {
    for (let i = 0; i < 200; i++) {
      for (const c of generateHealthHistory(`pw-range-check-${i}-xxxxxx`, at).history.checkups) {
        expect(c.bmi).toBeGreaterThan(14);
        expect(c.bmi).toBeLessThan(45);
        expect(c.systolicBp).toBeGreaterThan(85);
        expect(c.systolicBp).toBeLessThan(210);
        expect(c.hba1c).toBeGreaterThan(4);
        expect(c.hba1c).toBeLessThan(10);
        expect(c.hdl).toBeGreaterThan(20);
      }
    }
  });

  it("records no vaccination dated after the enrolment", () => {
    for (let i = 0; i < 50; i++) {
      const { history } = generateHealthHistory(
        `pw-vaccine-check-${i}-xxxxx`,
        new Date("2026-11-02T00:00:00Z"),
      );
      for (const v of history.vaccinations) expect(v.date <= "2026-11-02").toBe(true);
    }
  });

  it("publishes no notice dated after the enrolment", () => {
    const { history } = generateHealthHistory("pw-dddddddddddddddd", new Date("2026-04-02T00:00:00Z"));
    for (const n of history.notices) expect(n.publishedAt <= "2026-04-02").toBe(true);
  });
});
