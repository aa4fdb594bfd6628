/**
 * @module `npm run screenshots`: every screen of the TV app in Chromium, reached by remote keys against the fake
 * backend and the scripted card, at 標準/大/特大 in Japanese and English, at 1920×1080 and 1280×720, saved to
 * `screenshots/<resolution>/<language>-<text size>/NN-name.png`. Each screen also passes the layout check
 * (lib/layout/layout-problems.ts: nothing cut short, off the screen or overlapping); the script prints one line
 * per screenshot, the problems it found, and exits 1 when there were any. Options: `--no-build` reuses `dist/`;
 * `--only=720p|1080p`, `--lang=ja|en`, `--size=standard|large|largest` run part of the matrix.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright";
import type { LayoutBox } from "../src/lib/layout/layout-boxes.ts";
import { findLayoutProblems } from "../src/lib/layout/layout-problems.ts";
import type { Language, TextSize } from "../src/lib/settings/preferences.ts";
import { build, installFakeCard, ROOT, remote, startHarness } from "./harness.ts";

if (!process.argv.includes("--no-build")) build();
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const resolutions = [
  { name: "1080p", width: 1920, height: 1080 },
  { name: "720p", width: 1280, height: 720 },
].filter((r) => !option("only") || option("only") === r.name);
const languages = (["ja", "en"] as Language[]).filter((l) => !option("lang") || option("lang") === l);
const sizes = (["standard", "large", "largest"] as TextSize[]).filter(
  (s) => !option("size") || option("size") === s,
);

const harness = await startHarness();
const problems: string[] = [];
let count = 0;
try {
  for (const resolution of resolutions) {
    for (const language of languages) {
      for (const textSize of sizes) {
        harness.backend.reset();
        const name = `${language}-${textSize}`;
        const dir = join(ROOT, "screenshots", resolution.name, name);
        await mkdir(dir, { recursive: true });
        const context = await harness.browser.newContext({
          viewport: { width: resolution.width, height: resolution.height },
        });
        const page = await context.newPage();
        page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
        await page.addInitScript(installFakeCard);
        // The viewer's preferences as the app keeps them (the SDK's Storage: localStorage, key "preferences").
        await page.addInitScript((prefs) => localStorage.setItem("preferences", JSON.stringify(prefs)), {
          language,
          textSize,
        });
        await page.goto(harness.appUrl);
        await tour(page, dir, `${resolution.name} ${name}`, language === "ja" && textSize === "standard");
        await context.close();
      }
    }
  }
} finally {
  await harness.close();
}
console.log(`${count} screenshots, ${problems.length} layout problems`);
for (const problem of problems) console.log(`  ✖ ${problem}`);
if (problems.length > 0) process.exitCode = 1;

/**
 * Every screen, reached by keys. `base` (Japanese, 標準) also shows the settings changing language and text size;
 * the other tours start in their language and size and keep them.
 */
async function tour(page: Page, dir: string, label: string, base: boolean): Promise<void> {
  const r = remote(page);
  const b = harness.backend;
  let n = 0;
  // Shots that are about a toast; every other shot waits for a toast left by the previous step to fade, so the
  // screen is seen whole.
  const toastShots = new Set(["my-bookings-after-cancel", "portal-logged-out"]);
  const shot = async (name: string, expected = name) => {
    await r.waitScreen(expected);
    if (!toastShots.has(name)) {
      await page.waitForFunction(
        "!window.__app.tag('App').tag('Toast') || window.__app.tag('App').tag('Toast').alpha === 0",
        null,
        { timeout: 10_000 },
      );
    }
    n += 1;
    count += 1;
    const file = join(dir, `${String(n).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file });
    const boxes = (await page.evaluate("window.__app.tag('App').layoutBoxes()")) as LayoutBox[];
    const found = findLayoutProblems(boxes);
    for (const problem of found) problems.push(`${label} ${name}: ${problem}`);
    console.log(
      `${label} ${file.slice(ROOT.length + 1)}${found.length ? `  (${found.length} layout problems)` : ""}`,
    );
  };
  const tile = async (index: number) => {
    await r.home();
    await r.press("ArrowDown", Math.floor(index / 3));
    await r.press("ArrowRight", index % 3);
    await r.press("Enter");
  };
  // Portal tiles: 0 施設予約, 1 ヘルスケア, 2 利用者登録, 3 わたしの予約, 4 設定.
  await page.waitForFunction(
    "window.__app && window.__app.tag('App') && window.__app.tag('App').screenName === 'portal'",
  );
  await page.waitForFunction("window.__app.tag('App').tag('Page.Screen')._spec.loading === false");
  await shot("portal");
  await r.press("Escape");
  await shot("exit-confirm", "exit");
  await r.press("Escape");

  // Registration wizard: consent → card → password (wrong, then right) → progress → result.
  await tile(2);
  await shot("consent");
  await r.card("card.present = false");
  await r.press("Enter");
  await shot("insert-card");
  await r.card("card.insert()");
  await r.waitScreen("password");
  await r.type("ABC12");
  await shot("password");
  await r.type("X");
  await r.expectNew();
  await r.press("ArrowDown", 2);
  await r.press("ArrowRight", 7);
  await r.press("Enter");
  await shot("password-wrong", "password");
  await r.type("ABC123");
  await r.card("card.delayMs = 2500");
  await r.press("ArrowDown", 2);
  await r.press("ArrowRight", 7);
  await r.press("Enter");
  await shot("registration-progress");
  await r.card("card.delayMs = 150");
  await shot("registration-result");
  // The result follows the household link: the fake backend links it at the second question (~6 s).
  await r.expectNew();
  await shot("registration-linked", "registration-result");

  // Facility booking: PIN-less login → enrolment → town → facility → date → slots → confirm → step-up → done.
  await tile(0);
  await shot("enrolment");
  await r.press("Enter");
  await shot("facility-towns");
  await r.press("Enter");
  await shot("facility-list");
  await r.press("ArrowDown", 4);
  await shot("facility-list-scrolled", "facility-list");
  await r.press("ArrowUp", 4);
  await r.press("Enter");
  await shot("facility-dates");
  await r.press("ArrowRight", 2);
  await r.press("Enter");
  await shot("facility-slots");
  await r.press("Enter");
  await shot("facility-confirm");
  await r.press("Enter");
  await r.waitScreen("step-up");
  await r.type("12");
  await shot("step-up");
  await r.press("Backspace", 2);
  await r.type("9999");
  await r.expectNew();
  await r.press("Enter");
  await shot("step-up-wrong-pin", "step-up");
  await r.type("1234");
  await r.press("Enter");
  await shot("facility-done");

  // My bookings and cancel.
  await tile(3);
  await shot("my-bookings");
  await r.press("Enter");
  await shot("cancel-confirm");
  await r.expectNew();
  await r.press("Enter");
  await shot("my-bookings-after-cancel", "my-bookings");

  // Healthcare.
  await tile(1);
  await shot("enrolment-healthcare", "enrolment");
  await r.press("Enter");
  await shot("health");
  await r.press("ArrowDown", 2);
  await shot("health-trend-2", "health");

  // Settings: language and text size (the base tour shows them changing and back), logout.
  await tile(4);
  await shot("settings");
  if (base) {
    await r.expectNew();
    await r.press("Enter");
    await shot("settings-english", "settings");
    await r.press("Backspace");
    await shot("portal-english", "portal");
    await tile(4);
    await r.expectNew();
    await r.press("Enter");
    await r.waitScreen("settings");
    await r.press("ArrowDown");
    await r.expectNew();
    await r.press("Enter");
    await shot("settings-large-text", "settings");
    await r.press("Backspace");
    await shot("portal-large-text", "portal");
    await tile(4);
    await r.press("ArrowDown");
    await r.expectNew();
    await r.press("Enter", 2);
    await r.waitScreen("settings");
  }
  await r.press("ArrowDown", 2);
  await r.expectNew();
  await r.press("Enter");
  await shot("portal-logged-out", "portal");

  // PIN login (the 券面事項確認AP check fails, so the PIN is asked).
  b.failNext("/v1/pinless/sessions", "card_genuineness_failed", 401);
  await tile(1);
  await r.waitScreen("pin");
  await shot("pin");
  await r.type("12");
  await shot("pin-typing", "pin");
  await r.press("Backspace", 2);
  await r.type("0000");
  await r.expectNew();
  await r.press("Enter");
  await shot("pin-wrong", "pin");
  await r.type("1234");
  await r.press("Enter");
  await r.waitScreen("health");

  // PIN-less refused because no card is bound to the viewer yet: the PIN pad says one PIN login enables it.
  await r.card("card.pull(); card.insert()");
  await r.waitScreen("portal");
  b.failNext("/v1/pinless/start", "pinless_card_not_bound", 403);
  await tile(1);
  await r.waitScreen("pin");
  await shot("pin-pinless-not-bound", "pin");
  await r.type("1234");
  await r.press("Enter");
  await r.waitScreen("health");

  // Errors, each reached the way a viewer meets it.
  const errorAfter = async (name: string, arrange: () => Promise<void>, open: () => Promise<void>) => {
    await arrange();
    await open();
    await shot(name, name);
    await r.home();
  };
  await r.card("card.pull(); card.insert()"); // pulling the card logs the viewer out
  await r.waitScreen("portal");
  await errorAfter(
    "error-not_registered",
    async () => b.failNext("/v1/pinless/start", "card_not_registered", 404),
    () => tile(1),
  );
  await errorAfter(
    "error-certificate_revoked",
    async () => b.failNext("/v1/pinless/start", "certificate_revoked", 401),
    () => tile(1),
  );
  await errorAfter(
    "error-certificate_expired",
    async () => b.failNext("/v1/pinless/start", "certificate_expired", 401),
    () => tile(1),
  );
  // No reader on this STB (most homes): the phone becomes the reader, so the viewer meets its QR code, not an error.
  await r.card("card.failWait = 'reader_missing'");
  await tile(1);
  await shot("no_reader-phone-qr", "phone-qr");
  // Back cancels the phone request; pulling the card ends any session the fake phone may have answered meanwhile.
  await r.press("Escape");
  await r.card("card.pull(); card.insert()");
  await r.waitScreen("portal");
  await errorAfter(
    "error-card_unreadable",
    () => r.card("card.failNext = 'card_unreadable'"),
    () => tile(1),
  );
  await errorAfter(
    "error-wrong_card",
    () => r.card("card.failNext = 'wrong_card'"),
    () => tile(1),
  );
  await errorAfter(
    "error-network_down",
    async () => {
      await page.route("**/v1/pinless/start", (route) => route.abort("internetdisconnected"), { times: 1 });
    },
    () => tile(1),
  );
  await errorAfter(
    "error-other_operator",
    async () => b.failNext("/v1/pinless/start", "viewer_of_other_operator", 403),
    () => tile(1),
  );
  await errorAfter(
    "error-service_unavailable",
    async () => b.failNext("/v1/pinless/start", "revocation_unavailable", 503),
    () => tile(1),
  );
  // PIN locked: the last try goes wrong.
  b.failNext("/v1/pinless/sessions", "card_genuineness_failed", 401);
  await r.card("card.pinTries = 1");
  await tile(1);
  await r.waitScreen("pin");
  await r.type("0000");
  await r.press("Enter");
  await shot("error-pin_locked", "error-pin_locked");
  await r.home();
  await r.card("card.pinTries = 3");
  // Card pulled in the middle of registration.
  await tile(2);
  await r.press("Enter");
  await r.waitScreen("password");
  await r.card("card.pull()");
  await shot("error-card_removed", "error-card_removed");
  await r.card("card.insert()");
  await r.home();
  // Session expired while logged in (the refresh is refused too).
  await tile(1);
  await r.waitScreen("health");
  b.failNext("/v1/me", "session_expired", 401);
  b.failNext("/v1/sessions/refresh", "session_revoked", 401);
  await tile(1);
  await shot("error-session_expired", "error-session_expired");
}
