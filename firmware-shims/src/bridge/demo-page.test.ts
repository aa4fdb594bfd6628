import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBridge } from "./start-bridge.ts";
import { bootTestBridge } from "./testing/test-bridge.ts";

let bridge: RunningBridge;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  bridge = (await bootTestBridge([])).bridge;
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage();
  await page.goto(`${bridge.url}/demo`);
  await page.waitForSelector("#card-select option", { state: "attached" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
});

describe("demo card-control page", () => {
  it("inserts the chosen card from the keyboard and shows it on the reader", async () => {
    await page.focus("#insert-card");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#card-state[data-state="inactive"]');
    expect(await page.textContent("#card-state")).toBe("カードあり（待機中）");
    expect(await page.textContent("#message")).toBe("カードを置きました。");
    expect(bridge.pool.all()[0]?.virtual?.slotState()).toBe("inactive");
  }, 30_000);

  it("unplugs and replugs the reader, disabling insertion while it is out", async () => {
    await page.click("#unplug-reader");
    await page.waitForSelector('#reader-state[data-state="unplugged"]');
    expect(await page.isDisabled("#insert-card")).toBe(true);
    await page.click("#replug-reader");
    await page.waitForSelector('#reader-state[data-state="plugged"]');
    expect(bridge.pool.all()[0]?.virtual?.plugged).toBe(true);
  }, 30_000);

  it("removes the card", async () => {
    await page.click("#remove-card");
    await page.waitForSelector('#card-state[data-state="absent"]');
    expect(await page.textContent("#inserted-card")).toBe("—");
  }, 30_000);
});
