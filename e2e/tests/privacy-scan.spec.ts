/**
 * The privacy scan (issue 9), after every journey: every SQLite database, log file and recorded HTTP exchange of
 * the run, checked for a decoy 個人番号, a certificate serial outside the PF and the J-LIS simulator, and 4情報 at
 * a service provider. A finding names the file or exchange and masks the value.
 */
import { join } from "node:path";
import { expect, test } from "playwright/test";
import { readForbiddenValues, scanDataDirectory } from "../privacy/scan.ts";
import { systemUnderTest } from "../support/system.ts";

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a test needs from this pattern.
test("nothing the run wrote holds a 個人番号, a stray certificate serial, or 4情報 at a provider", async ({}, testInfo) => {
  const system = systemUnderTest();
  const forbidden = readForbiddenValues(join(system.dataDir, "jlis.sqlite"));
  // The scan proves something only if it knows what to look for: every demo resident has a decoy and serials.
  expect(forbidden.myNumbers.length).toBeGreaterThanOrEqual(12);
  expect(forbidden.serials.length).toBeGreaterThanOrEqual(24);
  expect(forbidden.namesAndAddresses.length).toBeGreaterThanOrEqual(12);
  const findings = scanDataDirectory(system.dataDir, forbidden);
  await testInfo.attach("privacy-findings.json", {
    body: JSON.stringify({ recordedHttp: system.recordHttp ?? false, findings }, null, 2),
    contentType: "application/json",
  });
  expect(findings).toEqual([]);
});
