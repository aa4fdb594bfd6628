/**
 * Screenshots of the insurer staff's pages and the registration page in Chromium at desktop size, for review and
 * for the README: starts the system in-process (in-memory database with the demo registers, the verifier PF double
 * on 127.0.0.1:0), feeds it registrations as the PF reports them, links some through the linking screen, previews
 * a CSV import, then logs in through the real login form (which also proves the `__Host-` Secure cookie is accepted
 * on http://127.0.0.1) and saves each page to `docs/screenshots/insurer/`.
 *
 *   npm run screenshots -w @catv/medical-insurer
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { serve } from "@hono/node-server";
import { chromium } from "playwright";
import { buildRegistrationScript } from "../src/browser/build-browser-script.ts";
import { linkAccount } from "../src/domain/link-account.ts";
import type { Actor } from "../src/domain/ports.ts";
import {
  KENPO,
  KOKUHO,
  personId,
  residents,
  startHarness,
  testInsurers,
} from "../src/test-support/harness.ts";

const out = fileURLToPath(new URL("../../../../../docs/screenshots/insurer/", import.meta.url));
mkdirSync(out, { recursive: true });

const h = await startHarness({ registrationScript: buildRegistrationScript });
const staff: Actor = { insurerId: KENPO, loginId: "kenpo-staff", role: "staff", requestId: "screenshots" };
const link = (accountId: string, insurerId: string, symbol: string, number: string, branch: string) =>
  linkAccount(
    h.deps,
    { ...staff, insurerId },
    {
      accountId,
      personId: personId(insurerId, symbol, number, branch),
      corrections: [],
      confirmMismatch: true,
      confirmSecondLink: false,
      method: "screen",
    },
  );

// The 健保's intake: two linked, three waiting (one differs from the register), one revoked.
const yamada = await h.register(KENPO, residents.yamadaTaro);
await link(yamada, KENPO, "3101", "12", "00");
const sato = await h.register(KENPO, residents.satoHanako, { channel: "verifier" });
await link(sato, KENPO, "5101", "14", "00");
const takahashi = await h.register(KENPO, residents.takahashiMisaki);
const kobayashi = await h.register(KENPO, residents.kobayashiIchiro, { channel: "verifier" });
const matsumoto = await h.register(KENPO, residents.matsumotoSakura);
const ito = await h.register(KENPO, residents.itoKenta);
await h.sendEvent(KENPO, {
  id: `evt_rev_${ito}`,
  type: "account.revoked",
  timestamp: new Date().toISOString(),
  data: {
    accountId: ito,
    revokedAt: new Date().toISOString(),
    reason: "keyCompromise",
    certificate: "authentication",
  },
});
await h.deliver();
// A reception asks: one answer in the 照会履歴.
await h.askEligibility(KENPO, yamada, { limitApplicationCertificateConsent: true });
await h.askEligibility(KENPO, sato);

const app = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 });
await new Promise((resolve) => app.once("listening", resolve));
const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "ja-JP" });
const shot = async (name: string, fullPage = true) => {
  await page.screenshot({ path: `${out}${name}.png`, fullPage });
  console.log(`${out}${name}.png`);
};

await page.goto(`${base}/login`);
await shot("01-login", false);
const kenpoStaff = testInsurers.find((i) => i.id === KENPO)!.staff[1]!;
await page.fill("#login-id", kenpoStaff.loginId);
await page.fill("#password", kenpoStaff.password);
await Promise.all([page.waitForURL(`${base}/`), page.click("button[type=submit]")]);
await shot("02-dashboard", false);

await page.goto(`${base}/intake?view=all`);
await shot("03-intake-list");

await page.goto(`${base}/intake/${takahashi}`);
await shot("04-linking-match");

await page.goto(`${base}/intake/${kobayashi}/link/${personId(KENPO, "4101", "8", "00")}`);
await shot("05-linking-mismatch-confirm");
// Linking without ticking the confirmation shows the refusal on the same page.
await page.click("#link-submit");
await shot("06-linking-mismatch-refused");

// A CSV import: the intake export filled in for two rows, one of them with a typo in the 共通的PFID.
const typo = `${matsumoto.slice(0, -1)}${matsumoto.endsWith("A") ? "B" : "A"}`;
const csv = [
  "共通的PFID,氏名,生年月日,記号,番号,枝番",
  `${matsumoto},松本 さくら,1993/3/28,3101,45,0`,
  `${kobayashi},小林 一郎,1965/8/30,4101,8,0`,
  `${typo},松本 さくら,1993/3/28,3101,45,0`,
  `${yamada},山田 太郎,1958/4/12,3101,12,0`,
].join("\r\n");
await page.goto(`${base}/csv`);
await page.setInputFiles("#csv-file", {
  name: "himozuke.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(csv),
});
await Promise.all([page.waitForURL(/\/csv\/imports\//), page.click("#import-form button[type=submit]")]);
await shot("07-csv-preview");

await page.goto(`${base}/persons/${personId(KENPO, "3101", "12", "00")}`);
await shot("08-person");

await page.goto(`${base}/eligibility-log`);
await shot("09-eligibility-log", false);

const publicPage = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "ja-JP" });
await publicPage.goto(`${base}/insurers/${KOKUHO}/registration`);
await publicPage.waitForSelector("#reader-status[data-state=error]");
await publicPage.screenshot({ path: `${out}10-registration-page.png`, fullPage: true });
console.log(`${out}10-registration-page.png`);

await browser.close();
app.close();
await h.close();
