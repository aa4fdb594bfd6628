import { checkupItemNameSchema } from "@catv/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HealthItem } from "../screen-spec.ts";
import { type AppHarness, fakeTranslate, startAppHarness } from "../testing/app-harness.ts";
import { CHECKUP_ITEMS } from "./health.ts";

let app: AppHarness;
beforeEach(async () => {
  app = await startAppHarness();
  await app.controller.start();
});
afterEach(() => app.close());

async function openHealth() {
  app.choose("ヘルスケア情報");
  const screen = await app.until("health");
  if (screen.kind !== "health") throw new Error("not the health screen");
  return screen;
}

const item = (items: HealthItem[], key: string) => items.find((i) => i.item === key)!;

describe("healthcare (ヘルスケア情報)", () => {
  it("lists flagged items first, each named by its translation, not the provider's Japanese", async () => {
    const screen = await openHealth();
    expect(screen.items[0]).toMatchObject({
      item: "systolicBp",
      label: "health.item.systolicBp",
      flag: "see_doctor",
    });
    expect(screen.items.at(-1)?.flag).toBe("normal");
  });

  it("writes the checkup and notice dates as Japanese dates, not ISO", async () => {
    const screen = await openHealth();
    expect(screen.checkup).toBe('health.checkup {"date":"2026年6月12日"}');
    expect(screen.notice?.heading).toBe('health.noticeHeading {"date":"2026年11月20日"}');
  });

  it("says nothing of a reference range an item does not have (no 'Normal Normal —')", async () => {
    const screen = await openHealth();
    expect(item(screen.items, "heightCm").status).toBe("health.flag.normal");
  });

  it("words the reference range and the months in English when the viewer chose English", async () => {
    await app.controller.preferences.set({ language: "en", textSize: "standard" });
    const screen = await openHealth();
    expect(item(screen.items, "systolicBp").status).toBe(
      `health.flag.see_doctor　${fakeTranslate("health.reference", { range: "under 130" })}`,
    );
    expect(item(screen.items, "hdl").status).toContain('"range":"40 or more"');
    expect(item(screen.items, "bmi").status).toContain('"range":"18.5–24.9"');
    expect(screen.steps.map((s) => s.month)).toEqual(["May", "Jun", "Jul", "Aug", "Sept", "Oct"]);
    expect(screen.checkup).toBe('health.checkup {"date":"12 June 2026"}');
  });

  it("has a name for every checkup item of the provider's contract", () => {
    expect([...CHECKUP_ITEMS].sort()).toEqual([...checkupItemNameSchema.options].sort());
  });

  it("titles each item's trend with its translated name and its unit, and loads the trend", async () => {
    const screen = await openHealth();
    expect(item(screen.items, "systolicBp").trendTitle).toBe(
      'health.trend {"item":"health.item.systolicBp","unit":"mmHg"}',
    );
    expect(item(screen.items, "bmi").trendTitle).toBe('health.trendNoUnit {"item":"health.item.bmi"}');
    expect((await screen.loadTrend("systolicBp")).points).toHaveLength(5);
  });
});
