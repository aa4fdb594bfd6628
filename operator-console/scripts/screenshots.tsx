/**
 * Screenshots of every console page in Chromium at 1366×768, for review: starts the console in-process (in-memory
 * database, a PF double on 127.0.0.1:0), feeds it realistic signed PF webhooks, closes two months, then logs in
 * through the real login form (which also proves the `__Host-` Secure cookie is accepted on http://127.0.0.1) and
 * saves each page to `operator-console/screenshots/` (git-ignored).
 *
 *   npm run screenshots -w @catv/operator-console
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { serve } from "@hono/node-server";
import { chromium } from "playwright";
import { closeMonth } from "../src/domain/close-month.ts";
import { deliverToPf } from "../src/domain/deliver-to-pf.ts";
import { fetchFeeStatement } from "../src/domain/fetch-fee-statement.ts";
import { exportHouseholdsCsv } from "../src/domain/households-csv.ts";
import { refreshFeeStatements } from "../src/domain/refresh-fee-statements.ts";
import {
  createHarness,
  credentials,
  deliver,
  registeredEvent,
  updatedEvent,
  usageEvent,
  yamadaTaro,
} from "../src/test-support/harness.ts";

const out = fileURLToPath(new URL("../screenshots/", import.meta.url));
mkdirSync(out, { recursive: true });

const h = await createHarness({ householdsPerTown: 100 });
const admin = h.actor("op-a", "admin");
const members = async (contract: string) =>
  (await h.repos.households.getByContractId("op-a", contract))?.members ?? [];

// Registrations across several months: automatic matches, two for the queue, one assisted.
const reg = async (cableId: string, info: Parameters<typeof registeredEvent>[1], at: string, extra = {}) => {
  h.clock.now = new Date(at);
  await deliver(h, registeredEvent(cableId, info, { registeredAt: at, ...extra }));
};
await reg("K7Q2-M4XA-9RT1-0A01", yamadaTaro, "2026-02-10T01:00:00.000Z");
await reg(
  "K7Q2-M4XA-9RT1-0A02",
  {
    name: "髙橋 美咲",
    nameAlternativeFlags: "10000",
    address: "富山県南砺市井波3110番地2",
    dateOfBirth: "1980-02-17",
    gender: "2",
  },
  "2026-03-05T01:00:00.000Z",
);
await reg(
  "K7Q2-M4XA-9RT1-0A03",
  { name: "松本 さくら", address: "富山県南砺市福野1丁目8番15号", dateOfBirth: "1993-03-28", gender: "2" },
  "2026-03-20T01:00:00.000Z",
);
await reg(
  "K7Q2-M4XA-9RT1-0A04",
  { name: "山田 和子", address: "富山県南砺市福光1234番地", dateOfBirth: "1960-09-02", gender: "2" },
  "2026-04-02T01:00:00.000Z",
  {
    assisted: { contractId: "NT-00001", memberId: (await members("NT-00001"))[1]?.memberId ?? "" },
  },
);
await reg(
  "K7Q2-M4XA-9RT1-0A05",
  { name: "石黒 健一", address: "富山県南砺市城端521番地3", dateOfBirth: "1947-11-03" },
  "2026-04-18T01:00:00.000Z",
);
await reg(
  "K7Q2-M4XA-9RT1-0A06",
  { name: "服部 あおい", address: "富山県南砺市福光88番地", dateOfBirth: "2001-07-31", gender: "2" },
  "2026-05-09T01:00:00.000Z",
);
for (const [i, m] of ["NT-00020", "NT-00021", "NT-00022", "NT-00023", "NT-00024", "NT-00025"].entries()) {
  const household = await h.repos.households.getByContractId("op-a", m);
  const member = household?.members[0];
  if (household && member) {
    await reg(
      `K7Q2-M4XA-9RT2-0B0${i}`,
      { name: member.name, address: household.address, dateOfBirth: member.birthDate, gender: member.gender },
      `2026-0${3 + (i % 3)}-1${i}T01:00:00.000Z`,
    );
  }
}
h.clock.now = new Date("2026-06-15T03:00:00.000Z");
await deliver(h, updatedEvent("K7Q2-M4XA-9RT1-0A01", { ...yamadaTaro, address: "富山県南砺市福光2020番地" }));

// Usage in April–June from both providers, with a reversal and one record for a cable ID still in the queue.
let n = 0;
for (const month of ["04", "05", "06"]) {
  for (const cable of [
    "K7Q2-M4XA-9RT1-0A01",
    "K7Q2-M4XA-9RT1-0A02",
    "K7Q2-M4XA-9RT1-0A03",
    "K7Q2-M4XA-9RT2-0B00",
    "K7Q2-M4XA-9RT2-0B01",
  ]) {
    await deliver(
      h,
      usageEvent(`fac-${++n}`, cable, 550 + (n % 3) * 550, `2026-${month}-0${1 + (n % 8)}T02:00:00.000Z`),
    );
    if (n % 2 === 0) {
      await deliver(
        h,
        usageEvent(`hc-${n}`, cable, 216, `2026-${month}-1${n % 9}T02:00:00.000Z`, {
          providerId: "prov-healthcare",
          taxRatePercent: 8,
        }),
      );
    }
  }
}
await deliver(
  h,
  usageEvent("fac-cancel", "K7Q2-M4XA-9RT1-0A02", 1_650, "2026-05-20T02:00:00.000Z", {
    kind: "reversal",
    reverses: "fac-2",
  }),
);
await deliver(h, usageEvent("fac-queued", "K7Q2-M4XA-9RT1-0A05", 550, "2026-05-21T02:00:00.000Z"));

await closeMonth(h.deps, admin, "2026-04");
await closeMonth(h.deps, admin, "2026-05");
await deliverToPf(h.deps);
for (const month of ["2026-03", "2026-04", "2026-05"]) await fetchFeeStatement(h.deps, admin, month);
// The month in progress, as the console's background worker keeps it (the dashboard shows it as 速報).
await refreshFeeStatements(h.deps);

const server = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 });
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "ja-JP" });
const shot = async (name: string, path: string, options: { fullPage?: boolean } = {}) => {
  const response = await page.goto(`${base}${path}`);
  await page.screenshot({ path: `${out}${name}.png`, fullPage: options.fullPage ?? true });
  console.log(`${String(response?.status()).padEnd(4)} ${name.padEnd(28)} ${path}`);
};

await shot("01-login", "/login");
const staff = credentials.operators[0]?.staff.find((s) => s.role === "admin");
const logIn = async () => {
  await page.goto(`${base}/login`);
  await page.fill("#loginId", staff?.loginId ?? "");
  await page.fill("#password", staff?.password ?? "");
  await Promise.all([page.waitForURL(`${base}/`), page.click("button[type=submit]")]);
};
await logIn();
const cookies = await page.context().cookies();
console.log(
  `session cookie accepted by Chromium on http://127.0.0.1: ${cookies.some((c) => c.name === "__Host-console_session" && c.secure)}`,
);

const yamada = (await h.repos.households.getByContractId("op-a", "NT-00001"))?.id;
await shot("02-dashboard", "/");
await shot("03-households", "/households");
await shot("03b-households-by-cable-id", "/households?q=k7q2m4xa9rt10a01");
await shot("04-household-detail", `/households/${yamada}`);
await shot("05-household-edit", `/households/${yamada}/edit`);
await shot("06-household-new", "/households/new");
await shot("07-households-import", "/households/import");
// An exported file edited in Excel: one plan changed, a member added, a new household — previewed before import.
const exported = new TextDecoder().decode(await exportHouseholdsCsv(h.deps, admin, "utf-8"));
const edited = `${exported.replace(/^(NT-00003,[^,]*,)ベーシック,2750,/m, "$1スタンダード,4400,")}NT-00003,南砺市城端521番地,スタンダード,4400,,,石黒 みどり,1950/8/1,2\r\nNT-20001,富山県南砺市井口300番地,ベーシック,2750,2026/7/1,,井口 新,1990/1/1,1\r\n`;
await page.goto(`${base}/households/import`);
await page.setInputFiles("#file", {
  name: "households.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(edited),
});
await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "内容を確認" }).click()]);
await page.screenshot({ path: `${out}07b-households-import-preview.png`, fullPage: true });
console.log(`     07b-households-import-preview   (POST /households/import)`);
await shot("08-linking-queue", "/linking");
await shot("09-linking-screen", "/linking/K7Q2-M4XA-9RT1-0A05");
await page
  .locator("tbody tr", { hasText: "石黒 健一" })
  .getByRole("button", { name: "相違を確認して紐づける" })
  .click();
await page.waitForLoadState("load");
await page.screenshot({ path: `${out}09b-link-confirmation.png`, fullPage: true });
console.log(`     09b-link-confirmation          (POST /linking/K7Q2-M4XA-9RT1-0A05/link)`);
await shot("10-cable-ids", "/cable-ids");
await shot("10b-cable-ids-search", "/cable-ids?q=k7q2m4xa9rt2");
await shot("11-reviews", "/reviews");
await shot("12-assisted", `/assisted?q=${encodeURIComponent("石黒")}`);
await shot("13-usage", "/usage");
await shot("14-billing", "/billing");
// On the 1st of July, June (with its usage) can close: what the confirmation shows before closing it.
// (A session lasts 8 hours at most: log in again on either side of the jump.)
h.clock.now = new Date("2026-07-01T03:00:00.000Z");
await logIn();
await shot("14b-billing-close-confirmation", "/billing/close?month=2026-06");
h.clock.now = new Date("2026-06-15T03:00:00.000Z");
await logIn();
await shot("15-billing-month", "/billing/2026-05");
await shot("16-statement", `/billing/2026-05/statements/${yamada}`);
await page.emulateMedia({ media: "print" });
await shot("17-statement-print", `/billing/2026-05/statements/${yamada}`);
await page.emulateMedia({ media: "screen" });
await shot("18-pf-fees", "/pf-fees?month=2026-05");
await shot("18b-pf-fees-current-month", "/pf-fees");
await shot("19-audit", "/audit");
await shot("20-settings", "/settings");
await shot("21-not-found", "/households/999999");

await browser.close();
server.close();
await h.close();
console.log(`screenshots in ${out}`);
