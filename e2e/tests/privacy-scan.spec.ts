/**
 * The privacy scan (issues 9 and 18), after every journey: every SQLite database, log file and recorded HTTP
 * exchange of the run, checked for a decoy 個人番号, a certificate serial outside the PF and the J-LIS simulator, 4情報
 * at a service provider, 4情報 at the hospital beyond the patients who showed their card at its reception, and the
 * insurers' 記号・番号・枝番 outside the insurers' system and the hospital's own record. A finding names the file or
 * exchange and masks the value.
 */
import { join } from "node:path";
import { expect, test } from "playwright/test";
import { readForbiddenValues, readMedicalValues, scanDataDirectory } from "../privacy/scan.ts";
import { systemUnderTest } from "../support/system.ts";

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a test needs from this pattern.
test("nothing the run wrote holds a 個人番号, a stray serial, 4情報 where they do not belong, or a stray insurer number", async ({}, testInfo) => {
  const system = systemUnderTest();
  const forbidden = readForbiddenValues(join(system.dataDir, "jlis.sqlite"));
  // The scan proves something only if it knows what to look for: every demo resident has a decoy and serials.
  expect(forbidden.myNumbers.length).toBeGreaterThanOrEqual(12);
  expect(forbidden.serials.length).toBeGreaterThanOrEqual(24);
  expect(forbidden.namesAndAddresses.length).toBeGreaterThanOrEqual(12);
  const medical = readMedicalValues(system.dataDir);
  expect(medical.residents.length).toBeGreaterThanOrEqual(12);
  // Both insurers' registers are seeded. (No card shown at the reception makes the hospital's rule only stricter:
  // then no resident's name may be there at all.)
  expect(medical.insurerNumbers.length).toBeGreaterThanOrEqual(60);
  const findings = scanDataDirectory(system.dataDir, forbidden, medical);
  await testInfo.attach("privacy-findings.json", {
    body: JSON.stringify({ recordedHttp: system.recordHttp ?? false, findings }, null, 2),
    contentType: "application/json",
  });
  expect(findings).toEqual([]);
});
