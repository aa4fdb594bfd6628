/**
 * Journey 5 (issue 9): the wrong PIN three times → the TV says the PIN is locked and what to do; the card stays
 * locked after a restart (the STB firmware bridge restarts; the card's counters live in its image).
 */
import { expect, resident, test } from "../support/journey.ts";
import { startService, stopService } from "../support/system.ts";
import {
  backToPortal,
  bookFirstFeeSlot,
  openFeeBearingSlots,
  openService,
  registerOnTv,
} from "../support/tv-flows.ts";

const shota = resident("suzaka-kitamura-shota");
const WRONG_PIN = shota.authPin === "0000" ? "1111" : "0000";

test("three wrong PINs lock the card; the TV says what to do; the lock survives a restart", async ({
  tv,
  reader,
  evidence,
}) => {
  await evidence.step(
    "北村 翔太 registers and opens the facility booking without a PIN",
    async () => {
      await registerOnTv(tv, reader, shota.cardId, shota.signPassword);
      await backToPortal(tv);
      await openService(tv, reader, "facility", shota.cardId);
      await openFeeBearingSlots(tv);
    },
    { "tv-slot-grid": tv.page },
  );

  await evidence.step(
    "a paid slot asks for the PIN",
    async () => {
      await bookFirstFeeSlot(tv);
      expect((await tv.state()).screen).toBe("step-up");
    },
    { "tv-step-up": tv.page },
  );

  for (const [attempt, left] of [
    [1, 2],
    [2, 1],
  ] as const) {
    await evidence.step(
      `wrong PIN, attempt ${attempt}: the TV says ${left} tries are left`,
      async () => {
        const serial = (await tv.state()).serial;
        await tv.enterPin(WRONG_PIN);
        await tv.waitForScreen("step-up", { after: serial, timeout: 60_000 });
        await expect.poll(() => tv.screenText()).toContain(`あと${left}回間違えると`);
        // Said once: the pad's tries line; the red line only says the PIN was wrong.
        expect((await tv.screenText()).match(/回間違えると/g)).toHaveLength(1);
        await expect.poll(() => tv.screenText()).toContain("暗証番号が違います");
      },
      { [`tv-wrong-pin-${attempt}`]: tv.page },
    );
  }

  await evidence.step(
    "wrong PIN, attempt 3: the TV says the PIN is locked and to go to the town hall",
    async () => {
      const serial = (await tv.state()).serial;
      await tv.enterPin(WRONG_PIN);
      await tv.waitForScreen("error-pin_locked", { after: serial, timeout: 60_000 });
      const words = await tv.screenText();
      expect(words).toContain("暗証番号がロックされています");
      expect(words).toContain("市区町村の窓口でロックを解除してください");
      await expect.poll(async () => (await reader.remainingTries(shota.cardId)).pin).toBe(0);
    },
    { "tv-pin-locked": tv.page, "card-reader": reader.page },
  );

  await evidence.step(
    "the STB restarts (firmware bridge and TV app); the card is still locked",
    async () => {
      await stopService("bridge");
      await startService("bridge");
      await reader.open();
      await reader.ensureEmpty();
      await tv.open();
      expect((await reader.remainingTries(shota.cardId)).pin).toBe(0);
    },
    { "card-reader-after-restart": reader.page },
  );

  await evidence.step(
    "even the right PIN is refused: the TV again says the PIN is locked",
    async () => {
      await openService(tv, reader, "facility", shota.cardId);
      await openFeeBearingSlots(tv);
      await bookFirstFeeSlot(tv);
      const screen = (await tv.state()).screen;
      if (screen === "step-up") {
        const serial = (await tv.state()).serial;
        await tv.enterPin(shota.authPin);
        await tv.waitForScreen("error-pin_locked", { after: serial, timeout: 60_000 });
      } else {
        expect(screen).toBe("error-pin_locked");
      }
      expect(await tv.screenText()).toContain("暗証番号がロックされています");
    },
    { "tv-still-locked": tv.page },
  );
});
