import { bookingTermsSchema } from "@catv/contracts";
import { checkContract } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, pairwiseId } from "../test-support.ts";

const GYM = "suzaka-city-gym"; // ¥1,500 / ¥2,000 / ¥2,500, closed on Mondays
const FREE_ROOM = "inabe-daian-room2";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const terms = (query: string) => h.call(pairwiseId(1), "GET", `/booking-terms?${query}`);

describe("booking terms (before the viewer books)", () => {
  it("quotes the cancellation deadline, the last refund day and the late-cancellation cost of a paid slot", async () => {
    const res = await terms(`facilityId=${GYM}&date=2026-12-05&slotCode=pm`);
    expect(await checkContract(res.clone(), bookingTermsSchema)).toEqual({ ok: true, issues: [] });
    expect(await res.json()).toEqual({
      facilityId: GYM,
      date: "2026-12-05",
      slotCode: "pm",
      feeYen: 2000,
      cancelDeadline: "2026-12-04",
      freeCancellationUntil: "2026-11-28",
      lateCancellationFeeYen: 2000,
    });
  });

  it("quotes the dates the booking then carries", async () => {
    await h.enrol(pairwiseId(1));
    const quoted = (await (await terms(`facilityId=${GYM}&date=2026-12-05&slotCode=ev`)).json()) as Record<
      string,
      unknown
    >;
    const booked = (await (
      await h.book(pairwiseId(1), { facilityId: GYM, date: "2026-12-05", slotCode: "ev" })
    ).json()) as Record<string, unknown>;
    expect(booked.cancelDeadline).toBe(quoted.cancelDeadline);
    expect(booked.freeCancellationUntil).toBe(quoted.freeCancellationUntil);
    expect(booked.feeYen).toBe(quoted.feeYen);
  });

  it("quotes a free slot with no refund date and no late-cancellation cost", async () => {
    const res = await terms(`facilityId=${FREE_ROOM}&date=2026-11-26&slotCode=am`);
    expect(await res.json()).toMatchObject({
      feeYen: 0,
      freeCancellationUntil: null,
      lateCancellationFeeYen: 0,
    });
  });

  it("answers not_found for a slot the facility does not have", async () => {
    const res = await terms(`facilityId=${GYM}&date=2026-12-05&slotCode=midnight`);
    expect(res.status).toBe(404);
  });

  it("refuses a date that is not a calendar date", async () => {
    const res = await terms(`facilityId=${GYM}&date=2026-02-30&slotCode=am`);
    expect(res.status).toBe(400);
  });
});
