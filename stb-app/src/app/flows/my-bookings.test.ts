import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

const FACILITY = "/v1/services/facility-booking/api";
let app: AppHarness;
beforeEach(async () => {
  app = await startAppHarness({ now: new Date("2026-11-24T01:00:00Z") });
  await app.controller.start();
  // A booking made earlier (with a PIN-level session), for the list to show.
  await app.pf
    .loginWithPin({ challengeId: "c", authenticationCertificate: "MA==", signature: "AA==" })
    .then((t) => app.pf.setSession(t));
  await app.pf.service("facility-booking", "POST", "bookings", {
    facilityId: "nanto-gym",
    date: "2026-12-03",
    slotCode: "pm",
  });
});
afterEach(() => app.close());

describe("my bookings (わたしの予約)", () => {
  it("shows each booking's 予約番号 and until when it is free to cancel", async () => {
    app.choose("portal.menu.bookings");
    const list = await app.until("my-bookings");
    if (list.kind !== "list") throw new Error("not a list");
    expect(list.choices[0]?.sub).toContain('facility.mine.number {"id":"B-00001"}');
    expect(list.choices[0]?.sub).toMatch(
      /facility\.mine\.cancelFreeUntil \{"freeUntil":"[^"]+","deadline":"[^"]+"\}/,
    );
  });

  it("cancels after asking, names the booking by its number, and lists the bookings again", async () => {
    app.choose("portal.menu.bookings");
    await app.until("my-bookings");
    app.select(0);
    await app.until("cancel-confirm");
    expect(app.words()).toContain('facility.mine.number {"id":"B-00001"}');
    app.choose("facility.mine.cancelYes");
    const again = await app.until("my-bookings", app.shown.length);
    expect(app.toasts).toContain("facility.mine.cancelled");
    expect(again.kind === "list" && again.choices).toEqual([]);
    expect(app.backend.requests).toContain(`POST ${FACILITY}/bookings/B-00001/cancel`);
  });

  it("shows the facility's notice on a booking whose slot staff closed after it was made", async () => {
    app.backend.closeSlot({
      facilityId: "nanto-gym",
      date: "2026-12-03",
      slotCode: "pm",
      reason: "設備点検のため",
      noticeToBooked: "設備点検のため、当日は体育館を利用できません。施設までご連絡ください。",
    });
    app.choose("portal.menu.bookings");
    const list = await app.until("my-bookings");
    if (list.kind !== "list") throw new Error("not a list");
    expect(list.choices[0]?.sub).toContain(
      'facility.mine.notice {"message":"設備点検のため、当日は体育館を利用できません。施設までご連絡ください。"}',
    );
  });
});
