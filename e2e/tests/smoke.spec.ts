import { expect, test } from "playwright/test";
import { serviceUrl } from "../support/system.ts";

test("the platform answers its health check", async ({ request }) => {
  const response = await request.get(`${serviceUrl("pf")}/health`);
  expect(response.ok()).toBe(true);
  expect(await response.json()).toMatchObject({ status: "ok" });
});

test("the TV app shell renders the portal title in Japanese", async ({ page }, testInfo) => {
  await page.goto(serviceUrl("tv"));
  await page.waitForFunction(() => {
    const app = (window as unknown as { __app?: { stage?: { gl?: unknown; c2d?: unknown } } }).__app;
    return Boolean(app?.stage && (app.stage.gl || app.stage.c2d));
  });
  // Lightning paints text into its canvas; give it a few frames before the screenshot.
  await page.waitForTimeout(1000);
  const shot = await page.screenshot({ path: testInfo.outputPath("tv-shell-1080p.png") });
  await testInfo.attach("tv-shell-1080p", { body: shot, contentType: "image/png" });
  // A blank canvas compresses to almost nothing; rendered Japanese text does not.
  expect(shot.byteLength).toBeGreaterThan(8_000);
});
