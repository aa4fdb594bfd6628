/**
 * Journey 8 (issue 9): the card is pulled out mid-login, and the reader is unplugged: the TV recovers without a
 * reload each time.
 */
import { expect, resident, test } from "../support/journey.ts";
import { expectTvText } from "../support/tv-app.ts";
import {
  backToPortal,
  bookFirstFeeSlot,
  openFeeBearingSlots,
  openService,
  registerOnTv,
} from "../support/tv-flows.ts";

const chiyo = resident("suzaka-maruyama-chiyo");

test("the TV recovers, without reloading, from a card pulled mid-login and an unplugged reader", async ({
  tv,
  reader,
  evidence,
}) => {
  // A mark in the page: if the TV app reloaded, it would be gone.
  await tv.page.evaluate(() => {
    (window as unknown as { __journey8: boolean }).__journey8 = true;
  });
  const notReloaded = () =>
    tv.page.evaluate(() => (window as unknown as { __journey8?: boolean }).__journey8 === true);

  await evidence.step(
    "丸山 千代 registers, then takes her card away",
    async () => {
      await registerOnTv(tv, reader, chiyo.cardId, chiyo.signPassword);
      await backToPortal(tv);
      await reader.remove();
    },
    { "tv-portal": tv.page },
  );

  await evidence.step(
    "she opens ヘルスケア情報, places the card and pulls it out while the login runs",
    async () => {
      const serial = (await tv.state()).serial;
      await tv.select("ヘルスケア情報");
      await tv.waitForScreen("insert-card", { after: serial });
      await reader.insert(chiyo.cardId);
      await tv.page.waitForFunction(
        () =>
          (window as unknown as { __app: { tag(n: string): { screenName: string } } }).__app.tag("App")
            .screenName !== "insert-card",
        null,
        { polling: 20, timeout: 30_000 },
      );
      await reader.remove();
      await tv.waitForScreen("error-card_removed", { timeout: 30_000 });
      expect(await tv.screenText()).toContain("手続きの途中でカードがリーダーから外れたため、中止しました");
    },
    { "tv-card-removed": tv.page, "card-reader-removed": reader.page },
  );

  await evidence.step(
    "from the error screen she starts again, and the login goes through",
    async () => {
      await backToPortal(tv);
      await openService(tv, reader, "healthcare", chiyo.cardId);
      expect(await notReloaded()).toBe(true);
    },
    { "tv-health-after-retry": tv.page },
  );

  await evidence.step(
    "a paid booking: she pulls the card at the PIN pad; the TV says the booking was not made and logs her out",
    async () => {
      await tv.press("Backspace");
      await tv.waitForScreen("portal");
      await openService(tv, reader, "facility", chiyo.cardId);
      await openFeeBearingSlots(tv);
      await bookFirstFeeSlot(tv);
      expect((await tv.state()).screen).toBe("step-up");
      await reader.remove();
      await tv.waitForScreen("error-card_removed", { timeout: 30_000 });
      await expectTvText(tv, "予約はされていません", "ログアウトしました");
      expect((await tv.state()).header).toContain("ログインしていません");
      expect(await notReloaded()).toBe(true);
    },
    { "tv-booking-not-made": tv.page, "card-reader-pulled-at-pin": reader.page },
  );

  await evidence.step("she goes back to the top and puts the card back", async () => {
    await backToPortal(tv);
    await reader.insert(chiyo.cardId);
  });

  await evidence.step(
    "the card reader is unplugged from the STB; the TV says so",
    async () => {
      await reader.remove();
      await tv.waitForScreen("portal", { timeout: 30_000 }).catch(async () => {
        await tv.press("Backspace");
        await tv.waitForScreen("portal");
      });
      await reader.unplug();
      const serial = (await tv.state()).serial;
      await tv.select("ヘルスケア情報");
      const screen = await tv.waitForScreen(["error-no_reader", "insert-card", "phone-qr"], {
        after: serial,
      });
      if (screen === "phone-qr") {
        // With no reader the TV offers the viewer's phone as the card reader (スマートフォンで); Back leaves it.
        expect(await tv.screenText()).toContain("スマートフォン");
        await tv.press("Backspace");
        await tv.waitForScreen("portal");
      } else if (screen === "insert-card") {
        // The driver may wait for a reader as it waits for a card; the screen must still say what to do.
        expect(await tv.screenText()).toContain("カードを置いてください");
      } else {
        expect(await tv.screenText()).toContain("カードリーダーが見つかりません");
      }
    },
    { "tv-no-reader": tv.page, "card-reader-unplugged": reader.page },
  );

  await evidence.step(
    "the reader is plugged back in: the login works again, still without a reload",
    async () => {
      await reader.replug();
      if ((await tv.state()).screen !== "insert-card") {
        await backToPortal(tv);
        await openService(tv, reader, "healthcare", chiyo.cardId);
      } else {
        await reader.insert(chiyo.cardId);
        await tv.waitForScreen(["health", "enrolment"], { timeout: 60_000 });
      }
      expect(await notReloaded()).toBe(true);
    },
    { "tv-health-after-replug": tv.page },
  );
});
