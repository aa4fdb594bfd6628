/**
 * Journey 10 (issue 19): the viewer's phone is the card reader. No card goes near the STB's reader: 伊藤 健太
 * registers from the TV with スマートフォンで (the QR code read off the TV's screenshot, at 1920×1080 and at 1280×720),
 * logs in the same way (a wrong PIN on the phone first), and books a paid slot — his phone login is PIN level
 * (`urn:catv:acr:pin-phone`), so the booking goes through without a second PIN. A second phone opening a QR code
 * another phone already holds is refused; a QR code opened after its request expired says so, while the TV has
 * made a new code on its own.
 *
 * The TV is driven by keys only; the phone is a 390×844 touch viewport. With E2E_DOCS_SCREENSHOTS=1 the TV's QR
 * screen (both sizes) and the phone's steps are also written to docs/screenshots/phone/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CROSS_DEVICE_TTL_SECONDS } from "@catv/contracts";
import jsQRModule from "jsqr";
import type { Browser, Page } from "playwright/test";
import { PNG } from "pngjs";
import { repoRoot } from "../launcher/services.ts";
import { expect, resident, test } from "../support/journey.ts";
import { advanceSystemClock } from "../support/system.ts";
import { TvApp } from "../support/tv-app.ts";
import { backToPortal, bookFirstFeeSlot, openFeeBearingSlots } from "../support/tv-flows.ts";

const kenta = resident("inabe-ito-kenta");
// jsqr is CommonJS: under Node's ESM interop its function is the module object, which types as the namespace.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const docsDir =
  process.env.E2E_DOCS_SCREENSHOTS === "1" ? join(repoRoot, "docs", "screenshots", "phone") : null;

/** Keeps a picture for the README when the run is asked to (as support/evidence.ts does for other journeys). */
async function keep(name: string, page: Page): Promise<void> {
  if (!docsDir) return;
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(join(docsDir, `${name}.png`), await page.screenshot());
}

/** What a phone's camera would read: the QR code decoded from a picture of the whole TV screen. */
async function readQrOffTv(tv: TvApp): Promise<string> {
  const png = PNG.sync.read(await tv.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error(`no QR code readable on the ${png.width}×${png.height} TV picture`);
  return found.data;
}

async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
  });
  return context.newPage();
}

/** On the TV's card prompt: focus スマートフォンで and press OK; waits for the QR screen. */
async function choosePhone(tv: TvApp): Promise<{ userCode: string; url: string }> {
  await tv.waitForScreen("insert-card", { timeout: 60_000 });
  const serial = (await tv.state()).serial;
  await tv.select("スマートフォンで");
  await tv.waitForScreen("phone-qr", { after: serial });
  await expect.poll(async () => /[B-Z]{4}-[B-Z]{4}/.exec(await tv.screenText())?.[0] ?? "").not.toBe("");
  const userCode = /[B-Z]{4}-[B-Z]{4}/.exec(await tv.screenText())![0];
  const url = await readQrOffTv(tv);
  expect(new URL(url).searchParams.get("code")).toBe(userCode);
  return { userCode, url };
}

/** The phone opens the QR code's URL and shows who is asking. */
async function openOnPhone(phone: Page, url: string, userCode: string): Promise<void> {
  await phone.goto(url);
  await expect(phone.locator("#shown-code")).toHaveText(userCode);
  await expect(phone.locator("#terminal-label")).toHaveText("リビングのテレビ");
  await expect(phone.locator("#operator-name")).not.toBeEmpty();
}

async function tapPin(phone: Page, pin: string): Promise<void> {
  for (const digit of pin) await phone.tap(`#key-${digit}`);
}

async function touchCard(phone: Page): Promise<void> {
  await phone.tap(`#sim-cards button[data-card-id="${kenta.cardId}"]`);
}

test("the phone as the card reader: register, log in, a paid booking, an expired QR, a second phone", async ({
  tv,
  browser,
}) => {
  // Five card flows across two browsers and a clock move: longer than one journey's default on 2 shared cores.
  test.setTimeout(900_000);
  const phone = await newPhone(browser);

  await test.step("registration with the phone: QR at 1080p, confirm, password, card", async () => {
    await tv.select("利用者登録");
    await tv.waitForScreen("consent");
    await tv.select("同意して進む");
    const { userCode, url } = await choosePhone(tv);
    await keep("01-tv-qr-registration-1080p", tv.page);
    await openOnPhone(phone, url, userCode);
    await expect(phone.locator("#purpose")).toHaveText("利用者登録");
    await keep("02-phone-confirm", phone);
    await phone.tap("#confirm");
    await phone.tap("#consent");
    await phone.fill("#sign-password", kenta.signPassword);
    await keep("03-phone-password", phone);
    await phone.tap("#password-next");
    await expect(phone.locator("#sim-cards button").first()).toBeVisible();
    await expect.poll(() => tv.screenText()).toContain("スマートフォンで手続き中です");
    await keep("04-phone-touch-card", phone);
    await keep("05-tv-qr-phone-on-it", tv.page);
    await touchCard(phone);
    await expect(phone.locator("#done")).toBeVisible({ timeout: 60_000 });
    await keep("06-phone-done", phone);
    await tv.waitForScreen("registration-result", { timeout: 30_000 });
    expect(await tv.screenText()).toMatch(/ケーブルID：\s*[0-9A-Z-]+/);
    await keep("07-tv-registered", tv.page);
    await backToPortal(tv);
  });

  const tv720 = new TvApp(
    await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "ja-JP" })).newPage(),
  );
  await tv720.open();

  await test.step("login with the phone on a 720p TV: a wrong PIN first, then the right one", async () => {
    await tv720.select("公共施設予約");
    const { userCode, url } = await choosePhone(tv720);
    await keep("08-tv-qr-login-720p", tv720.page);
    await openOnPhone(phone, url, userCode);
    await phone.tap("#confirm");
    await keep("09-phone-pin-keypad", phone);
    await tapPin(phone, kenta.authPin === "1111" ? "2222" : "1111");
    await touchCard(phone);
    await expect(phone.locator("#error-message")).toContainText("暗証番号が違います。あと2回");
    await keep("10-phone-wrong-pin", phone);
    await tapPin(phone, kenta.authPin);
    await touchCard(phone);
    await expect(phone.locator("#done")).toBeVisible({ timeout: 60_000 });
    // First use of the service: the enrolment (申し込み) on the TV, then the service opens.
    const screen = await tv720.waitForScreen(["enrolment", "facility-towns"], { timeout: 30_000 });
    if (screen === "enrolment") {
      await tv720.select("申し込む");
      await tv720.waitForScreen("facility-towns", { timeout: 30_000 });
    }
    expect((await tv720.state()).header).toContain("ログイン中・スマートフォンで確認");
  });

  await test.step("a paid slot is booked without another PIN: the phone login is PIN level", async () => {
    await openFeeBearingSlots(tv720);
    await bookFirstFeeSlot(tv720);
    await tv720.waitForScreen("facility-done", { timeout: 30_000 });
    expect(await tv720.screenText()).toMatch(/予約番号/);
    await keep("11-tv-paid-booking-done-720p", tv720.page);
  });

  // The STB's bridge serves one TV page at a time: the 720p page took it over; the 1080p page loads again.
  await tv720.page.context().close();
  await tv.open();

  await test.step("a second phone cannot take a request another phone holds", async () => {
    await tv.select("利用者登録");
    await tv.waitForScreen("consent");
    await tv.select("同意して進む");
    const { userCode, url } = await choosePhone(tv);
    await openOnPhone(phone, url, userCode);
    await phone.tap("#confirm");
    const second = await newPhone(browser);
    await openOnPhone(second, url, userCode);
    await second.tap("#confirm");
    await expect(second.locator("#error-message")).toContainText("別のスマートフォンで手続き中です");
    await keep("12-second-phone-refused", second);
    await second.context().close();
    // Back on the TV cancels the request; the first phone is told so at its next step.
    const serial = (await tv.state()).serial;
    await tv.press("Backspace");
    await tv.waitForScreen("portal", { after: serial });
  });

  await test.step("a QR code opened after its request expired says so; the TV shows a new code", async () => {
    await tv.select("利用者登録");
    await tv.waitForScreen("consent");
    await tv.select("同意して進む");
    const { userCode, url } = await choosePhone(tv);
    // Every service's clock moves past the request's five minutes (support/system-clock.mjs), then back.
    await advanceSystemClock(new Date(Date.now() + (CROSS_DEVICE_TTL_SECONDS + 30) * 1000));
    try {
      await expect.poll(() => tv.screenText(), { timeout: 30_000 }).toContain("新しいコードを表示しました");
      expect(await tv.screenText()).not.toContain(userCode);
      await keep("13-tv-new-code-after-expiry", tv.page);
      await phone.goto(url);
      await expect(phone.locator("#error-message")).toContainText("有効期限が切れました");
      await keep("14-phone-qr-expired", phone);
      const serial = (await tv.state()).serial;
      await tv.press("Backspace");
      await tv.waitForScreen("portal", { after: serial });
    } finally {
      await advanceSystemClock(new Date());
    }
  });

  await phone.context().close();
});
