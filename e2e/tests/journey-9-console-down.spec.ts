/**
 * Journey 9 (issue 9): the operator's console is down while usage is reported; after it comes back, every usage
 * record arrives exactly once (the PF's outbox retries; the console deduplicates by event ID).
 */
import { expect, resident, test } from "../support/journey.ts";
import { startService, stopService } from "../support/system.ts";
import {
  backToPortal,
  bookFirstFeeSlot,
  openFeeBearingSlots,
  openService,
  startRegistration,
  submitSignaturePassword,
} from "../support/tv-flows.ts";

const taro = resident("nanto-yamada-taro");
const COURT = "桜ヶ池テニスコート";

test("usage reported while the console is down arrives exactly once after it comes back", async ({
  tv,
  reader,
  staff,
  evidence,
}) => {
  test.setTimeout(420_000);
  const usageRows = () => staff.page.locator("main tbody tr", { hasText: COURT }).filter({ hasText: "利用" });
  let before = 0;
  const bookings: string[] = [];

  await evidence.step(
    "山田 太郎's card is registered (again, if journey 1 already did)",
    async () => {
      await startRegistration(tv, reader, taro.cardId);
      const result = await submitSignaturePassword(tv, taro.signPassword);
      expect(result.screen).toBe("registration-result");
      await backToPortal(tv);
    },
    { "tv-portal": tv.page },
  );

  await evidence.step(
    "staff look at the usage list; then the console goes down",
    async () => {
      await staff.logIn("staff");
      await staff.open("/usage");
      before = await usageRows().count();
      await stopService("console");
    },
    { "console-usage-before": staff.page },
  );

  for (const attempt of [1, 2]) {
    await evidence.step(
      `with the console down, he books paid slot ${attempt} on the TV`,
      async () => {
        if (attempt === 1) await openService(tv, reader, "facility", taro.cardId);
        else {
          await backToPortal(tv);
          await openService(tv, reader, "facility", taro.cardId);
        }
        await openFeeBearingSlots(tv);
        await bookFirstFeeSlot(tv);
        if ((await tv.state()).screen === "step-up") {
          const serial = (await tv.state()).serial;
          await tv.enterPin(taro.authPin);
          await tv.waitForScreen("facility-done", { after: serial, timeout: 60_000 });
        }
        expect((await tv.state()).screen).toBe("facility-done");
        bookings.push(/予約番号：([^。]+)/.exec(await tv.screenText())?.[1] ?? "");
      },
      { [`tv-booked-${attempt}`]: tv.page },
    );
  }
  expect(new Set(bookings).size).toBe(2);

  await evidence.step(
    "the console comes back; both usage records arrive, each once",
    async () => {
      // Long enough for the PF to have failed at least once against the stopped console.
      await tv.page.waitForTimeout(5_000);
      await startService("console");
      await staff.logIn("staff");
      await expect(async () => {
        await staff.open("/usage");
        expect(await usageRows().count()).toBe(before + 2);
      }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });
    },
    { "console-usage-after": staff.page },
  );

  await evidence.step(
    "a while later there are still exactly two more: nothing was delivered twice",
    async () => {
      await tv.page.waitForTimeout(10_000);
      await staff.open("/usage");
      expect(await usageRows().count()).toBe(before + 2);
      const ids = await usageRows().locator("td .mono").allTextContents();
      expect(new Set(ids).size).toBe(ids.length);
    },
    { "console-usage-later": staff.page },
  );
});
