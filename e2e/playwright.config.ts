import { defineConfig } from "playwright/test";

/** Debian's Chromium; `npx playwright install` cannot download browsers on these machines. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // WebGL (Lightning's renderer) then runs in software through SwiftShader.
  "--enable-unsafe-swiftshader",
];

export default defineConfig({
  testDir: "tests",
  outputDir: "../test-results/e2e-artifacts",
  // The whole system runs once for the suite; journeys share it and run one after another (2 cores).
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  globalSetup: "./support/global-setup.ts",
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "../test-results/playwright.json" }],
  ],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    viewport: { width: 1920, height: 1080 },
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
