import { providerStepUpErrorSchema } from "@catv/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, pairwiseId } from "../test-support.ts";

const PINLESS = "urn:catv:acr:pinless";
const GYM = "suzaka-city-gym"; // ¥1,500 / ¥2,000 / ¥2,500, closed on Mondays
const FREE_ROOM = "inabe-daian-room2"; // free, closed on Mondays
/** Five open days in a row from tomorrow: as many open bookings as one viewer may hold. */
const FIVE_DAYS = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"];
const FREE_ROOM_THURSDAY_AM = { facilityId: FREE_ROOM, date: "2026-11-26", slotCode: "am" };

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe("booking a facility", () => {
  it("books a free slot with a PIN-less session", async () => {
    await h.enrol(pairwiseId(1));
    const res = await h.book(pairwiseId(1), FREE_ROOM_THURSDAY_AM, { acr: PINLESS });
    expect(res.status).toBe(201);
    const booking = (await res.json()) as { status: string; feeYen: number; billing: string | null };
    expect(booking).toMatchObject({ status: "booked", feeYen: 0, billing: null });
  });

  it("answers step_up_required when a paid slot is booked with a PIN-less session", async () => {
    await h.enrol(pairwiseId(1));
    const res = await h.book(
      pairwiseId(1),
      { facilityId: GYM, date: "2026-12-05", slotCode: "am" },
      { acr: PINLESS },
    );
    expect(res.status).toBe(403);
    expect(providerStepUpErrorSchema.safeParse(await res.json()).success).toBe(true);
    expect(await h.deps.store.outbox.list()).toHaveLength(0);
  });

  it("books a paid slot with a PIN-level session and says it is billed with the cable TV fee", async () => {
    await h.enrol(pairwiseId(1));
    const res = await h.book(pairwiseId(1), { facilityId: GYM, date: "2026-12-05", slotCode: "pm" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      feeYen: 2000,
      taxRatePercent: 10,
      billing: "ケーブルテレビ料金と一緒に請求されます",
      freeCancellationUntil: "2026-11-28",
      cancelDeadline: "2026-12-04",
    });
  });

  it("gives a slot to exactly one of many viewers booking it at the same moment", async () => {
    const viewers = Array.from({ length: 8 }, (_, i) => pairwiseId(i + 1));
    for (const v of viewers) await h.enrol(v);
    const results = await Promise.all(
      viewers.map((v) => h.book(v, { facilityId: GYM, date: "2026-12-05", slotCode: "ev" })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const losers = results.filter((r) => r.status === 409);
    for (const r of losers) expect(await errorCode(r)).toBe("slot_taken");
    expect(await h.deps.store.outbox.list()).toHaveLength(1);
  });

  it("refuses a sixth open booking from one viewer", async () => {
    await h.enrol(pairwiseId(1));
    for (const date of FIVE_DAYS)
      await h.bookedId(pairwiseId(1), { facilityId: FREE_ROOM, date, slotCode: "pm" });
    const sixth = await h.book(pairwiseId(1), { facilityId: FREE_ROOM, date: "2026-12-01", slotCode: "pm" });
    expect(sixth.status).toBe(409);
    expect(await errorCode(sixth)).toBe("booking_limit_reached");
  });

  it("counts a cancelled booking no longer against the limit", async () => {
    await h.enrol(pairwiseId(1));
    let last = "";
    for (const date of FIVE_DAYS)
      last = await h.bookedId(pairwiseId(1), { facilityId: FREE_ROOM, date, slotCode: "pm" });
    expect((await h.cancel(pairwiseId(1), last)).status).toBe(200);
    const again = await h.book(pairwiseId(1), { facilityId: FREE_ROOM, date: "2026-12-01", slotCode: "pm" });
    expect(again.status).toBe(201);
  });

  it("refuses a closed day", async () => {
    await h.enrol(pairwiseId(1));
    const res = await h.book(pairwiseId(1), { facilityId: GYM, date: "2026-11-30", slotCode: "am" });
    expect(await errorCode(res)).toBe("facility_closed");
  });

  it("refuses today and dates beyond the booking window", async () => {
    await h.enrol(pairwiseId(1));
    const today = await h.book(pairwiseId(1), { facilityId: FREE_ROOM, date: "2026-11-24", slotCode: "am" });
    expect(await errorCode(today)).toBe("outside_booking_window");
    const far = await h.book(pairwiseId(1), { facilityId: FREE_ROOM, date: "2027-02-02", slotCode: "am" });
    expect(await errorCode(far)).toBe("outside_booking_window");
  });

  it("refuses a malformed booking request naming the field", async () => {
    await h.enrol(pairwiseId(1));
    const res = await h.book(pairwiseId(1), { facilityId: GYM, date: "5 Dec", slotCode: "am" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toContain("date");
    expect(body.error.requestId).toBeTruthy();
  });

  it("answers not_enrolled to a viewer who has not signed up", async () => {
    const res = await h.book(pairwiseId(9), FREE_ROOM_THURSDAY_AM);
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("not_enrolled");
  });

  it("refuses a request without a PF assertion", async () => {
    const res = await h.app.request("/towns");
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("assertion_missing");
  });
});

describe("availability and my bookings", () => {
  it("shows the viewer's own booking as mine and someone else's as booked", async () => {
    await h.enrol(pairwiseId(1));
    await h.enrol(pairwiseId(2));
    await h.book(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    await h.book(pairwiseId(2), { facilityId: FREE_ROOM, date: "2026-11-26", slotCode: "pm" });
    const res = await h.call(
      pairwiseId(1),
      "GET",
      `/facilities/${FREE_ROOM}/availability?from=2026-11-24&days=7`,
    );
    const body = (await res.json()) as {
      days: { date: string; slots: { code: string; status: string }[] }[];
    };
    const day = (d: string) =>
      Object.fromEntries(body.days.find((x) => x.date === d)!.slots.map((s) => [s.code, s.status]));
    expect(day("2026-11-26")).toEqual({ am: "mine", pm: "booked", ev: "available" });
    expect(day("2026-11-30")).toEqual({ am: "closed", pm: "closed", ev: "closed" });
    expect(day("2026-11-24")).toEqual({ am: "not_bookable", pm: "not_bookable", ev: "not_bookable" });
  });

  it("lists the towns and their facilities with fees", async () => {
    const towns = (await (await h.call(pairwiseId(1), "GET", "/towns")).json()) as {
      towns: { name: string }[];
    };
    expect(towns.towns.map((t) => t.name)).toEqual(["いなべ市", "南砺市", "須坂市"]);
    const res = await h.call(pairwiseId(1), "GET", "/towns/suzaka/facilities");
    const list = (await res.json()) as { facilities: { facilityId: string; fee: { free: boolean } }[] };
    expect(list.facilities.find((f) => f.facilityId === GYM)?.fee.free).toBe(false);
    expect((await h.call(pairwiseId(1), "GET", "/towns/tokyo/facilities")).status).toBe(404);
  });

  it("lists only the viewer's own bookings", async () => {
    await h.enrol(pairwiseId(1));
    await h.enrol(pairwiseId(2));
    await h.book(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    const mine = (await (await h.call(pairwiseId(2), "GET", "/bookings")).json()) as { bookings: unknown[] };
    expect(mine.bookings).toHaveLength(0);
  });
});

describe("cancelling", () => {
  it("accepts a cancellation until the day before use", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    h.clock.now = new Date("2026-11-25T14:59:00Z"); // 23:59 JST on the day before
    const res = await h.cancel(pairwiseId(1), bookingId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled", feeOutcome: "free" });
  });

  it("refuses a cancellation on the day of use", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    h.clock.now = new Date("2026-11-25T15:00:00Z"); // 00:00 JST on the day of use
    const res = await h.cancel(pairwiseId(1), bookingId);
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("cancellation_deadline_passed");
  });

  it("refuses to cancel twice", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    await h.cancel(pairwiseId(1), bookingId);
    expect(await errorCode(await h.cancel(pairwiseId(1), bookingId))).toBe("already_cancelled");
  });

  it("does not let a viewer cancel another viewer's booking", async () => {
    await h.enrol(pairwiseId(1));
    await h.enrol(pairwiseId(2));
    const bookingId = await h.bookedId(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    const res = await h.cancel(pairwiseId(2), bookingId);
    expect(res.status).toBe(404);
    expect((await h.deps.store.bookings.get(bookingId))?.status).toBe("booked");
  });

  it("frees the slot for others once cancelled", async () => {
    await h.enrol(pairwiseId(1));
    await h.enrol(pairwiseId(2));
    const bookingId = await h.bookedId(pairwiseId(1), FREE_ROOM_THURSDAY_AM);
    await h.cancel(pairwiseId(1), bookingId);
    const res = await h.book(pairwiseId(2), FREE_ROOM_THURSDAY_AM);
    expect(res.status).toBe(201);
  });
});
