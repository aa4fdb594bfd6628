/**
 * Journey 4 (issue 9): PIN-less login → healthcare summary and a trend; a fee-bearing facility booking asks for
 * the PIN (step-up) → booking done → the usage appears in the console → monthly close → the household's statement
 * carries the fee and the provider's settlement carries it net of the collection fee → the facility-booking
 * provider's staff page shows the settlement received.
 *
 * A month can be closed only once it is over, so this journey moves the whole system's clock to the first day of
 * the next month (support/system-clock.mjs). It runs in its own Playwright project after every other journey.
 * Its pictures are also kept in docs/screenshots/journey-4/ for the README.
 */
import { jstMonth } from "@catv/contracts/calendar";
import { Evidence } from "../support/evidence.ts";
import { expect, resident, test } from "../support/journey.ts";
import { advanceSystemClock, serviceUrl, startOfNextJstMonth } from "../support/system.ts";
import { expectTvLaidOut, expectTvText } from "../support/tv-app.ts";
import {
  backToPortal,
  bookFirstFeeSlot,
  openFeeBearingSlots,
  openService,
  registerOnTv,
  setTextSize,
} from "../support/tv-flows.ts";

const sakura = resident("nanto-matsumoto-sakura");
/** The demo operators' 代行回収手数料 (operator-console seed: 500 basis points). */
const COLLECTION_FEE_RATE = 0.05;

test("PIN-less healthcare, a paid booking with the PIN, and the fee through billing to the provider's settlement", async ({
  tv,
  reader,
  staff,
  facilityStaff,
}, testInfo) => {
  const evidence = new Evidence(testInfo, { docsFolder: "journey-4" });
  let feeYen = 0;
  let bookingNumber = "";
  const billingMonth = jstMonth(new Date());

  await evidence.step(
    "松本 さくら registers on the TV (her household matches: the console links it)",
    async () => {
      const result = await registerOnTv(tv, reader, sakura.cardId, sakura.signPassword);
      expect(result.texts).toContain("登録が完了しました");
      await backToPortal(tv);
    },
    { "tv-registered-portal": tv.page },
  );

  await evidence.step(
    "she sets 文字の大きさ to 大 (blue key → 設定); the rest of her visit is in large text",
    async () => {
      await setTextSize(tv, "大");
      expect((await tv.state()).screen).toBe("portal");
      await expectTvLaidOut(tv);
    },
    { "tv-portal-large-text": tv.page },
  );

  await evidence.step(
    "ヘルスケア情報 opens with the card alone: PIN-less login, enrolment, the summary",
    async () => {
      await openService(tv, reader, "healthcare", sakura.cardId);
      expect((await tv.state()).header).toContain("ログイン中・暗証番号なし");
      await expect.poll(() => tv.screenText()).toMatch(/最新の健診結果（\d{4}年\d{1,2}月\d{1,2}日）/);
      // The focused item's trend chart is titled; the unit in brackets only when the item has one (BMI has none,
      // and comes first when it is the one over its guidance — the sample history differs from run to run).
      await expect.poll(() => tv.screenText()).toMatch(/の推移/);
      // At 大 nothing of the summary runs into its neighbour (基準130未満 once wrapped into the next item).
      await expectTvLaidOut(tv);
    },
    { "tv-health-summary": tv.page },
  );

  await evidence.step(
    "moving down the checkup items draws another item's trend",
    async () => {
      const before = /(\S+)の推移（/.exec(await tv.screenText())?.[1];
      await tv.press("ArrowDown");
      await expect.poll(async () => /(\S+)の推移（/.exec(await tv.screenText())?.[1]).not.toBe(before);
    },
    { "tv-health-trend": tv.page },
  );

  await evidence.step(
    "back to the portal, then 公共施設予約: the tennis court's slot grid",
    async () => {
      await tv.press("Backspace");
      await tv.waitForScreen("portal");
      await openService(tv, reader, "facility", sakura.cardId);
      // The town list starts on her own town.
      expect((await tv.state()).focused).toBe("南砺市");
      // 須坂市 → OK → Back: focus is back on 須坂市, so OK opens 須坂市 again (it once jumped to the first town).
      for (let visit = 0; visit < 2; visit++) {
        if (visit === 0) await tv.select("須坂市");
        else await tv.press("Enter");
        await tv.waitForScreen("facility-list");
        await expectTvText(tv, "須坂市の施設");
        const serial = (await tv.state()).serial;
        await tv.press("Backspace");
        await tv.waitForScreen("facility-towns", { after: serial });
        expect((await tv.state()).focused).toBe("須坂市");
      }
      await openFeeBearingSlots(tv);
      await expectTvLaidOut(tv);
    },
    { "tv-slot-grid": tv.page },
  );

  await evidence.step(
    "a paid slot: the TV asks for the 4-digit PIN (step-up)",
    async () => {
      const fee = await bookFirstFeeSlot(tv, async () => {
        // The terms before booking: the cancellation deadline and until when cancelling is free.
        await expectTvText(tv, /取り消しは\d{1,2}月\d{1,2}日\([^)]+\)まで/);
        await expectTvLaidOut(tv);
      });
      feeYen = Number(fee.replace(/[^0-9]/g, ""));
      expect(feeYen).toBeGreaterThan(0);
      expect((await tv.state()).screen).toBe("step-up");
      await expect.poll(() => tv.screenText()).toContain("この操作には暗証番号が必要です");
    },
    { "tv-step-up-pin": tv.page },
  );

  await evidence.step(
    "the PIN from the remote's digits: the booking is done",
    async () => {
      const serial = (await tv.state()).serial;
      await tv.enterPin(sakura.authPin);
      await tv.waitForScreen("facility-done", { after: serial, timeout: 60_000 });
      expect((await tv.state()).header).toMatch(/ログイン中（ケーブルID/);
      bookingNumber = /予約番号：(\S+)/.exec(await tv.screenText())?.[1] ?? "";
      expect(bookingNumber).not.toBe("");
      // At 大 too, the booking number is on screen and nothing covers it (the button once did).
      await expectTvLaidOut(tv);
    },
    { "tv-booking-done": tv.page },
  );

  await evidence.step(
    "わたしの予約 lists the booking with its 予約番号",
    async () => {
      await backToPortal(tv);
      const serial = (await tv.state()).serial;
      await tv.select("わたしの予約");
      await tv.waitForScreen("my-bookings", { after: serial, timeout: 60_000 });
      await expectTvText(tv, `予約番号 ${bookingNumber}`);
      await expectTvLaidOut(tv);
    },
    { "tv-my-bookings": tv.page },
  );

  await evidence.step(
    "the usage reaches the operator's console for 松本 さくら's household",
    async () => {
      await staff.logIn("admin");
      await staff.waitForText("/usage", "公共施設予約");
      await expect(staff.page.locator("main")).toContainText(`${feeYen.toLocaleString("ja-JP")}`);
    },
    { "console-usage": staff.page },
  );

  await evidence.step(
    "共通的PF利用料 opens on this month so far, marked 速報, with her PIN-less login counted",
    async () => {
      await staff.open("/pf-fees");
      const main = staff.page.locator("main");
      await expect(main.locator("#month")).toHaveValue(billingMonth);
      await expect(main).toContainText("速報");
      const pinless = main.locator("tr", { hasText: "ログイン・PINなし" });
      const count = Number(
        ((await pinless.locator("td.num").first().textContent()) ?? "").replace(/[^0-9]/g, ""),
      );
      expect(count).toBeGreaterThanOrEqual(1);
    },
    { "console-pf-fees-current-month": staff.page },
  );

  await evidence.step(
    "the dashboard's login chart shows this month (速報)",
    async () => {
      await staff.open("/");
      await expect(staff.page.locator("main svg").filter({ hasText: "（速報）" })).toHaveCount(1);
    },
    { "console-dashboard": staff.page },
  );

  await evidence.step(
    "the month ends (the system's clock moves to the 1st): 月次締め offers the month just ended first",
    async () => {
      await advanceSystemClock(startOfNextJstMonth());
      await staff.logIn("admin");
      await staff.open("/billing");
      await expect(staff.page.locator("#month")).toHaveValue(billingMonth);
      await staff.page.getByRole("button", { name: "締めの内容を確認" }).click();
    },
    { "console-close-menu": staff.page },
  );

  await evidence.step(
    "the console shows what the close will bill and closes nothing until the administrator confirms",
    async () => {
      const main = staff.page.locator("main");
      await expect(main).toContainText("締めると取り消せません");
      // Every paid booking of the month through this operator is in the provider's line, hers included.
      const facility = main.locator("tr", { hasText: "公共施設予約" });
      const gross = Number(
        ((await facility.locator("td.num").nth(3).textContent()) ?? "").replace(/[^0-9]/g, ""),
      );
      expect(gross).toBeGreaterThanOrEqual(feeYen);
      await staff.page.getByRole("button", { name: "締めを確定する" }).click();
      await expect(staff.page).toHaveURL(new RegExp(`/billing/${billingMonth}\\?ok=`));
    },
    { "console-month-closed": staff.page },
  );

  /** The settlement's figures as the console shows them (gross, collection fee, net payable). */
  let settled = { gross: 0, fee: 0, net: 0 };
  await evidence.step(
    "the household's statement carries the booking fee",
    async () => {
      const contractId = await staff.openHouseholdOf("松本", "さくら");
      await staff.open(`/billing/${billingMonth}?q=${encodeURIComponent(contractId)}`);
      await staff.page.locator(`a[href^="/billing/${billingMonth}/statements/"]`).first().click();
      await expect(staff.page.locator("main")).toContainText("公共施設予約");
      await expect(staff.page.locator("main")).toContainText(`${feeYen.toLocaleString("ja-JP")}`);
    },
    { "console-statement": staff.page },
  );

  await evidence.step(
    "the provider's settlement: the fee net of the collection fee, accepted by the PF",
    async () => {
      await expect(async () => {
        await staff.open(`/billing/${billingMonth}`);
        const row = staff.page.locator("tr", { hasText: "公共施設予約" }).first();
        await expect(row).toContainText("受付済", { timeout: 1_000 });
        const yen = async (i: number) =>
          Number(((await row.locator("td.num").nth(i).textContent()) ?? "").replace(/[^0-9]/g, ""));
        settled = { gross: await yen(3), fee: await yen(4), net: await yen(5) };
      }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
      // Every paid booking of the month through this operator is in it, hers included.
      expect(settled.gross).toBeGreaterThanOrEqual(feeYen);
      expect(settled.fee).toBe(Math.floor(settled.gross * COLLECTION_FEE_RATE));
      expect(settled.net).toBe(settled.gross - settled.fee);
    },
    { "console-settlement": staff.page },
  );

  await evidence.step(
    "the facility-booking provider's staff page shows the settlement received",
    async () => {
      await expect(async () => {
        await facilityStaff.goto(`${serviceUrl("facility")}/staff`);
        await expect(facilityStaff.locator("body")).toContainText(
          `${settled.net.toLocaleString("ja-JP")}円`,
          {
            timeout: 1_000,
          },
        );
      }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
    },
    { "facility-staff-settlement": facilityStaff },
  );
});
