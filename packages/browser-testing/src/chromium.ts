/**
 * @module How every package launches Chromium — the e2e journeys, the firmware-shims browser tests, the
 * screenshot and benchmark scripts: Debian's Chromium (`npx playwright install` cannot download browsers on
 * these machines; `CHROMIUM_PATH` points elsewhere), headless, with WebGL in software. Exported as
 * `@catv/browser-testing/chromium`; it imports nothing, so a package that uses it takes on no dependency.
 */

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

/**
 * Options for Playwright's `chromium.launch` (or `use.launchOptions`), new each call so no caller's change
 * reaches another.
 * @example const browser = await chromium.launch(chromiumLaunchOptions());
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...chromiumArgs] };
}
