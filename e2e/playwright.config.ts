import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { defineConfig } from "playwright/test";

export default defineConfig({
  testDir: "tests",
  outputDir: "../test-results/e2e-artifacts",
  // The whole system runs once for the suite; journeys share it and run one after another (2 cores).
  workers: 1,
  fullyParallel: false,
  // A journey crosses every system with a real card timing model; on 2 shared cores one can take minutes.
  timeout: 300_000,
  expect: { timeout: 15_000 },
  retries: 0,
  globalSetup: "./support/global-setup.ts",
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "../test-results/playwright.json" }],
  ],
  projects: [
    // Every journey, in file order, on the one shared system.
    { name: "journeys", testIgnore: [/privacy-scan\.spec\.ts$/, /journey-4-.*\.spec\.ts$/] },
    // Journey 4 closes a billing month, which needs the system's clock past the month's end: it runs last.
    { name: "month-end", testMatch: /journey-4-.*\.spec\.ts$/, dependencies: ["journeys"] },
    // The privacy scan reads everything the journeys made the systems write, so it runs after all of them.
    { name: "privacy", testMatch: /privacy-scan\.spec\.ts$/, dependencies: ["month-end"] },
  ],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1920, height: 1080 },
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
