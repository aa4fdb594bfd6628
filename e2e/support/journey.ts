/**
 * @module The journeys' test fixtures: the TV (a 1080p page driven by keys), the hand at the card reader (the
 * bridge's demo page in its own browser window), operator staff at their PC, and the evidence kept at each step.
 * Every journey starts and ends with the reader plugged in and empty, whatever happened in between.
 */

import { DEMO_RESIDENTS, type DemoResident } from "@catv/pf-server/jlis/demo-residents";
import { test as base, type Page } from "playwright/test";
import { CardReader } from "./card-reader.ts";
import { Evidence } from "./evidence.ts";
import { OperatorConsole } from "./operator-console.ts";
import { demoCredentials } from "./system.ts";
import { TvApp } from "./tv-app.ts";

export interface JourneyFixtures {
  tv: TvApp;
  reader: CardReader;
  /** Staff of なんとケーブルテレビ, the operator of the STB the TV runs on. */
  staff: OperatorConsole;
  /** A municipality's staff at the facility-booking provider's staff page (HTTP Basic, its documented demo login). */
  facilityStaff: Page;
  evidence: Evidence;
}

export const test = base.extend<JourneyFixtures>({
  tv: async ({ page }, use) => {
    const tv = new TvApp(page);
    await tv.open();
    await use(tv);
  },
  reader: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
    const reader = new CardReader(await context.newPage());
    await reader.open();
    await reader.ensureEmpty();
    await use(reader);
    await reader.ensureEmpty();
    await context.close();
  },
  staff: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "ja-JP" });
    await use(new OperatorConsole(await context.newPage()));
    await context.close();
  },
  facilityStaff: async ({ browser }, use) => {
    // The demo login npm start prints (the run's demo credentials).
    const login = demoCredentials().providers.find((p) => p.id === "prov-facility")!.staff;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: "ja-JP",
      httpCredentials: { username: login.loginId, password: login.password },
    });
    await use(await context.newPage());
    await context.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern.
  evidence: async ({}, use, testInfo) => {
    await use(new Evidence(testInfo));
  },
});

export { expect } from "playwright/test";

/** A demo resident of the J-LIS seed, with the card ID the simulator gave their card. */
export function resident(key: string): DemoResident & { cardId: string; residentId: string } {
  const found = DEMO_RESIDENTS.find((r) => r.key === key);
  if (!found) throw new Error(`no demo resident ${key}`);
  return { ...found, cardId: `card-${key}`, residentId: `res-${key}` };
}
