import { availabilityResponseSchema, bookingSchema } from "@catv/contracts";
import { checkContract, signedEvent } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DayBookings } from "../domain/list-day-bookings.ts";
import { createHarness, type Harness, pairwiseId, WEBHOOK_SECRET } from "../test-support.ts";

const GYM = "suzaka-city-gym"; // ¥1,500 / ¥2,000 / ¥2,500, closed on Mondays
const DAY = "2026-12-05"; // a Saturday, 11 days after the harness's "today" (2026-11-24)
const AM = { facilityId: GYM, date: DAY, slotCode: "am" };

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

const close = (reason = "設備点検のため", slot = AM, extra: Record<string, string> = {}) =>
  h.staff("/staff/slots/close", { ...slot, reason, town: "suzaka", ...extra });
const reopen = (slot = AM) => h.staff("/staff/slots/reopen", { ...slot, town: "suzaka" });
const day = async (date = DAY) =>
  (await (await h.staff(`/staff/bookings.json?date=${date}&town=suzaka`)).json()) as DayBookings;
const gymSlot = async (code: string, date = DAY) =>
  (await day(date)).facilities.find((f) => f.facilityId === GYM)!.slots.find((s) => s.code === code)!;

async function enrolAt(n: number, operatorId: string) {
  await h.enrol(pairwiseId(n));
  const event = {
    id: `evt_enrol_${n}`,
    type: "enrolment.created",
    timestamp: h.clock.now.toISOString(),
    data: {
      pairwiseId: pairwiseId(n),
      serviceId: "facility-booking",
      operatorId,
      enrolledAt: h.clock.now.toISOString(),
    },
  };
  await h.app.request(
    "/pf/events",
    signedEvent(WEBHOOK_SECRET, event, Math.floor(h.clock.now.getTime() / 1000)),
  );
}

describe("closing a slot (受付停止)", () => {
  it("refuses a viewer's booking of a closed slot with slot_closed and the reason", async () => {
    await h.enrol(pairwiseId(1));
    const closed = await close();
    expect(closed.status).toBe(303);
    expect(closed.headers.get("location")).toBe(`/staff/bookings?date=${DAY}&done=closed&town=suzaka#${GYM}`);
    const res = await h.book(pairwiseId(1), AM);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("slot_closed");
    expect(body.error.message).toContain("設備点検のため");
  });

  it("answers slot_closed before asking a PIN-less viewer for the PIN", async () => {
    await h.enrol(pairwiseId(1));
    await close();
    const res = await h.book(pairwiseId(1), AM, { acr: "urn:catv:acr:pinless" });
    expect(await errorCode(res)).toBe("slot_closed");
  });

  it("shows the closed slot as closed, with its reason, in the viewer's availability", async () => {
    await h.enrol(pairwiseId(1));
    await close();
    const res = await h.call(pairwiseId(1), "GET", `/facilities/${GYM}/availability?from=${DAY}&days=1`);
    const body = (await res.clone().json()) as {
      days: { slots: { code: string; status: string; closedReason: string | null }[] }[];
    };
    expect(body.days[0]!.slots.map((s) => [s.code, s.status, s.closedReason])).toEqual([
      ["am", "closed", "設備点検のため"],
      ["pm", "available", null],
      ["ev", "available", null],
    ]);
    expect(await checkContract(res, availabilityResponseSchema)).toEqual({ ok: true, issues: [] });
  });

  it("keeps a booking made before the closure, with the staff's notice to its viewer", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), AM);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const closed = await close("体育館の行事のため", AM, { noticeToBooked: "当日は駐車場が使えません。" });
    expect(closed.headers.get("location")).toContain(`kept=${bookingId}`);

    const one = await h.call(pairwiseId(1), "GET", `/bookings/${bookingId}`);
    const view = (await one.clone().json()) as { status: string; notice: unknown };
    expect(view.status).toBe("booked");
    expect(view.notice).toEqual({
      kind: "slot_closed",
      message: "当日は駐車場が使えません。",
      since: h.clock.now.toISOString(),
    });
    expect(await checkContract(one, bookingSchema)).toEqual({ ok: true, issues: [] });
    const listed = (await (await h.call(pairwiseId(1), "GET", "/bookings")).json()) as {
      bookings: { bookingId: string; notice: unknown }[];
    };
    expect(listed.bookings.find((b) => b.bookingId === bookingId)?.notice).toMatchObject({
      kind: "slot_closed",
    });
    const availability = (await (
      await h.call(pairwiseId(1), "GET", `/facilities/${GYM}/availability?from=${DAY}&days=1`)
    ).json()) as { days: { slots: { code: string; status: string }[] }[] };
    expect(availability.days[0]!.slots[0]).toMatchObject({ code: "am", status: "mine" });
  });

  it("gives the booking's viewer a standard notice naming the reason when staff write none", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), AM);
    await close("設備点検のため");
    const view = (await (await h.call(pairwiseId(1), "GET", `/bookings/${bookingId}`)).json()) as {
      notice: { message: string };
    };
    expect(view.notice.message).toContain("設備点検のため");
    expect(view.notice.message).toContain("お持ちの予約はそのまま有効です");
  });

  it("shows no notice on the other slots' bookings", async () => {
    await h.enrol(pairwiseId(1));
    const other = await h.bookedId(pairwiseId(1), { ...AM, slotCode: "pm" });
    await close();
    const view = (await (await h.call(pairwiseId(1), "GET", `/bookings/${other}`)).json()) as {
      notice: unknown;
    };
    expect(view.notice).toBeNull();
  });

  it("lets viewers book a slot again once staff reopen it", async () => {
    await h.enrol(pairwiseId(1));
    await close();
    const reopened = await reopen();
    expect(reopened.status).toBe(303);
    expect((await h.book(pairwiseId(1), AM)).status).toBe(201);
  });

  it("refuses to close a slot twice, and audits the refusal by its code", async () => {
    await close();
    const again = await close();
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("この時間帯はすでに受付を停止しています。");
    const audit = await h.deps.store.staffAudit.latest(10);
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ["slot.close", "slot_already_closed"],
      ["slot.close", "done"],
    ]);
    expect(audit[1]).toMatchObject({ staff: "staff", facilityId: GYM, useDate: DAY, slotCode: "am" });
    expect(JSON.parse(audit[1]!.detail!)).toEqual({ reason: "設備点検のため", keptBookingId: null });
  });

  it("refuses to reopen a slot that is not closed", async () => {
    const res = await reopen();
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("この時間帯は受付を停止していません。");
    expect((await h.deps.store.staffAudit.latest(1))[0]).toMatchObject({
      action: "slot.reopen",
      outcome: "slot_not_closed",
    });
  });

  it("refuses to close a slot on the facility's closed day", async () => {
    const res = await close("点検", { ...AM, date: "2026-11-30" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("休館日");
    expect((await h.deps.store.staffAudit.latest(1))[0]!.outcome).toBe("facility_closed");
  });

  it("refuses to close a slot of a day already past", async () => {
    const res = await close("点検", { ...AM, date: "2026-11-20" });
    expect(res.status).toBe(409);
    expect((await h.deps.store.staffAudit.latest(1))[0]!.outcome).toBe("outside_booking_window");
  });

  it("refuses a closure without a reason", async () => {
    const res = await close("   ");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("理由を40文字以内で入力してください。");
    expect(await h.deps.store.closures.listOn(DAY)).toEqual([]);
  });

  it("refuses a closure of a facility that does not exist", async () => {
    const res = await close("点検", { ...AM, facilityId: "no-such-hall" });
    expect(res.status).toBe(404);
    expect((await h.deps.store.staffAudit.latest(1))[0]).toMatchObject({ outcome: "not_found" });
  });

  it("refuses a form posted from another site, closing nothing", async () => {
    const res = await close("点検", AM, {});
    expect(res.status).toBe(303);
    const forged = await h.staff(
      "/staff/slots/reopen",
      { ...AM, town: "suzaka" },
      { origin: "http://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect(await h.deps.store.closures.listOn(DAY)).toHaveLength(1);
  });

  it("asks for the staff password before any action", async () => {
    const res = await h.app.request("/staff/slots/close", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: new URLSearchParams({ ...AM, reason: "点検" }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await h.deps.store.closures.listOn(DAY)).toEqual([]);
  });
});

describe("the day's bookings (予約台帳)", () => {
  it("lists each facility's slots with the booking's channel and the viewer's operator by name", async () => {
    await enrolAt(1, "op-nanto");
    const bookingId = await h.bookedId(pairwiseId(1), AM);
    const am = await gymSlot("am");
    expect(am.booking).toMatchObject({
      bookingId,
      channel: "tv",
      status: "booked",
      feeYen: 1500,
      operatorName: "なんとケーブルテレビ（デモ）",
    });
    expect((await gymSlot("pm")).booking).toBeNull();
  });

  it("shows a cancelled booking as cancelled, with what happened to the fee", async () => {
    await enrolAt(1, "op-suzaka");
    const bookingId = await h.bookedId(pairwiseId(1), AM);
    await h.cancel(pairwiseId(1), bookingId);
    const am = await gymSlot("am");
    expect(am.booking).toBeNull();
    expect(am.cancelled).toEqual([
      expect.objectContaining({ bookingId, status: "cancelled", feeOutcome: "refunded" }),
    ]);
    const page = await (await h.staff(`/staff/bookings?date=${DAY}&town=suzaka`)).text();
    expect(page).toContain("取消済");
    expect(page).toContain("還付");
    expect(page).toContain(bookingId);
  });

  it("names an operator the directory does not know as not yet named, never by its bare ID", async () => {
    await enrolAt(1, "op-inabe");
    await h.bookedId(pairwiseId(1), AM);
    expect((await gymSlot("am")).booking?.operatorName).toBe("名称未登録の事業者（op-inabe）");
  });

  it("shows the day closed on the facility's closed weekday", async () => {
    const monday = await day("2026-11-30");
    expect(monday.facilities.find((f) => f.facilityId === GYM)?.closedReason).toBe("休館日");
  });

  it("renders the day page in Japanese with the operator's name and the closure, not IDs", async () => {
    await enrolAt(1, "op-nanto");
    const bookingId = await h.bookedId(pairwiseId(1), AM);
    await close();
    const res = await h.staff(`/staff/bookings?date=${DAY}&town=suzaka&done=closed&kept=${bookingId}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("予約台帳 2026年12月5日(土)");
    expect(page).toContain("なんとケーブルテレビ（デモ）");
    expect(page).not.toContain("op-nanto");
    expect(page).not.toContain(pairwiseId(1));
    expect(page).toContain("受付停止中");
    expect(page).toContain(`この時間帯の予約（${bookingId}）はそのまま有効で`);
    expect(page).toContain("受付再開");
  });

  it("answers a plain Japanese error for a date that is not a date", async () => {
    const res = await h.staff("/staff/bookings.json?date=12/5");
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe("validation_failed");
  });
});

describe("the audit trail page (操作記録)", () => {
  it("lists done and refused actions with the facility's name and the staff login", async () => {
    await close();
    await close();
    await reopen();
    const page = await (await h.staff("/staff/audit")).text();
    expect(page).toContain("須坂市 須坂市民体育館");
    expect(page).toContain("受付停止");
    expect(page).toContain("拒否：この時間帯はすでに受付を停止しています。");
    expect(page).toContain("受付再開");
    expect(page).toContain("理由：設備点検のため");
  });
});
