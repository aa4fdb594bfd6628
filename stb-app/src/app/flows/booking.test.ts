import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

let app: AppHarness;
beforeEach(async () => {
  // A Tuesday: the week from Wednesday shows free slots at 福野体育館 (closed on Mondays).
  app = await startAppHarness({ now: new Date("2026-11-24T01:00:00Z") });
  await app.controller.start();
});
afterEach(() => app.close());

/** Portal → 公共施設予約 → the towns list. */
async function towns() {
  app.choose("公共施設予約");
  return app.until("facility-towns");
}

/** Towns → 南砺市 → 福野体育館 → the first date → the slot grid → the first free paid slot → confirm. */
async function confirmFirstPaidSlot(dateIndex = 0) {
  const list = await towns();
  app.select(list.focus ?? 0);
  await app.until("facility-list");
  app.choose("福野体育館");
  await app.until("facility-dates");
  app.select(dateIndex);
  const slots = await app.until("facility-slots");
  if (slots.kind !== "slots") throw new Error("not the slot grid");
  const index = slots.cells.findIndex((c) => !c.disabled && c.sub?.startsWith("common.yen"));
  const cols = slots.grid.cols.length;
  slots.onPick(Math.floor(index / cols), index % cols);
  return app.until("facility-confirm");
}

describe("facility booking (施設予約)", () => {
  it("starts the town list on the viewer's own town, not on the first town the provider lists", async () => {
    const list = await towns();
    if (list.kind !== "list") throw new Error("not a list");
    expect(list.choices[list.focus ?? 0]?.label).toBe("南砺市");
  });

  it("returns to the town the viewer chose after Back, so OK opens that town again", async () => {
    const list = await towns();
    if (list.kind !== "list") throw new Error("not a list");
    const suzaka = list.choices.findIndex((c) => c.label === "須坂市");
    app.select(suzaka);
    await app.until("facility-list");
    const before = app.shown.length;
    app.controller.back();
    const again = await app.until("facility-towns", before);
    app.select(again.focus ?? 0);
    await app.until("facility-list");
    expect(app.last()).toMatchObject({ title: 'facility.list.title {"town":"須坂市"}' });
  });

  it("shows the fee, how it is billed, and the cancellation deadline and refund terms before booking", async () => {
    // 3 December: more than a week ahead, so a cancellation is still free for a while.
    await confirmFirstPaidSlot(8);
    const words = app.words();
    expect(words).toContain("facility.confirm.fee");
    expect(words).toContain("facility.confirm.billing");
    expect(words).toMatch(
      /facility\.confirm\.terms\.paid \{"deadline":"[^"]+","freeUntil":"[^"]+","fee":"common\.yen/,
    );
    expect(
      app.backend.requests.some((r) => r.startsWith("GET /v1/services/facility-booking/api/booking-terms")),
    ).toBe(true);
  });

  it("says before booking that a cancellation will cost the fee when the free period has already passed", async () => {
    await confirmFirstPaidSlot(0);
    expect(app.words()).toMatch(/facility\.confirm\.terms\.paidLate \{"deadline":"[^"]+","fee":"common\.yen/);
  });

  it("books a paid slot after the PIN and shows the 予約番号 first", async () => {
    await confirmFirstPaidSlot();
    app.choose("facility.confirm.book");
    const pad = await app.until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    pad.onSubmit("1234");
    const done = await app.until("facility-done");
    if (done.kind !== "message") throw new Error("not a message");
    expect(done.paragraphs[0]?.text).toMatch(/^facility\.done\.number \{"id":"B-\d+"\}$/);
  });

  it("says the booking was not made when the card is pulled at the PIN pad, and logs the viewer out", async () => {
    await confirmFirstPaidSlot();
    app.choose("facility.confirm.book");
    await app.until("step-up");
    app.card.pull();
    const screen = await app.until("error-card_removed");
    expect(app.words()).toContain("facility.notBooked");
    expect(app.words()).toContain("card.removed.loggedOut");
    expect(app.pf.session).toBeNull();
    expect(
      app.backend.requests.filter((r) => r === "POST /v1/services/facility-booking/api/bookings"),
    ).toHaveLength(1);
    expect(screen.kind).toBe("message");
  });

  it("books a paid slot with the step-up PIN on the phone, chosen on the PIN pad of a PIN-less session", async () => {
    await confirmFirstPaidSlot();
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pinless");
    app.choose("facility.confirm.book");
    const pad = await app.until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    expect(pad.alternative?.label).toBe("phone.choice");
    pad.alternative?.onSelect();
    await app.until("phone-qr");
    const done = await app.until("facility-done");
    if (done.kind !== "message") throw new Error("not a message");
    expect(done.paragraphs[0]?.text).toMatch(/^facility\.done\.number \{"id":"B-\d+"\}$/);
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pin-phone");
    expect(app.backend.requests).toContain("POST /v1/sessions/current/cross-device-step-up");
  }, 20_000);

  it("says the booking was not made when the viewer backs out of the phone's QR code", async () => {
    await confirmFirstPaidSlot();
    app.choose("facility.confirm.book");
    const pad = await app.until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    pad.alternative?.onSelect();
    const qr = await app.until("phone-qr");
    qr.onBack?.();
    expect(app.toasts).toContain("facility.notBookedDeclined");
    // As Back on the PIN pad: back from the confirmation, to the slots; the phone's later answer changes nothing.
    expect(app.last().name).toBe("facility-slots");
    await new Promise((r) => setTimeout(r, 2500));
    expect(app.last().name).toBe("facility-slots");
    expect(
      app.backend.requests.filter((r) => r === "POST /v1/services/facility-booking/api/bookings"),
    ).toHaveLength(1);
    expect(app.backend.requests.some((r) => /^DELETE \/v1\/cross-device-requests\//.test(r))).toBe(true);
  });

  it("keeps the session while the card leaves the STB's reader for the phone, and books once the phone is done", async () => {
    await confirmFirstPaidSlot();
    app.choose("facility.confirm.book");
    const pad = await app.until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    pad.alternative?.onSelect();
    await app.until("phone-qr");
    app.card.pull();
    await app.until("facility-done");
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pin-phone");
  }, 20_000);

  it("logs the viewer out when the card left the reader for the phone and the viewer then backs out", async () => {
    await confirmFirstPaidSlot();
    app.choose("facility.confirm.book");
    const pad = await app.until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    pad.alternative?.onSelect();
    const qr = await app.until("phone-qr");
    app.card.pull();
    expect(app.pf.session).not.toBeNull();
    qr.onBack?.();
    await app.until("error-card_removed");
    expect(app.words()).toContain("facility.notBooked");
    expect(app.pf.session).toBeNull();
  });

  it("names slots by their times and weekdays in English, not 午前 or 月", async () => {
    await app.controller.preferences.set({ language: "en", textSize: "standard" });
    const list = await towns();
    app.select(list.focus ?? 0);
    const facilities = await app.until("facility-list");
    expect(app.words()).toContain('facility.closedDays {"days":"Mon"}');
    expect(app.words()).toContain("facility.kind.gym");
    if (facilities.kind !== "list") throw new Error("not a list");
    app.choose("福野体育館");
    await app.until("facility-dates");
    app.select(0);
    const slots = await app.until("facility-slots");
    if (slots.kind !== "slots") throw new Error("not the slot grid");
    expect(slots.colLabels).toEqual(["09:00–12:00", "13:00–17:00", "18:00–21:00"]);
    expect(slots.rowLabels[0]?.text).toBe("Wed 25 November");
  });

  it("shows a slot the facility closed as closed, with the facility's reason, and does not offer it", async () => {
    app.backend.closeSlot({
      facilityId: "nanto-gym",
      date: "2026-11-25",
      slotCode: "pm",
      reason: "設備点検のため",
      noticeToBooked: "設備点検のため利用できません。",
    });
    const list = await towns();
    app.select(list.focus ?? 0);
    await app.until("facility-list");
    app.choose("福野体育館");
    await app.until("facility-dates");
    app.select(0);
    const slots = await app.until("facility-slots");
    if (slots.kind !== "slots") throw new Error("not the slot grid");
    const col = slots.grid.cols.findIndex((c) => c.code === "pm");
    const cell = slots.cells[col];
    expect(cell).toMatchObject({ label: "facility.slots.closed", sub: "設備点検のため", disabled: true });
  });
});
