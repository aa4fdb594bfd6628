import {
  availabilityResponseSchema,
  bookingRulesResponseSchema,
  bookingSchema,
  bookingsResponseSchema,
  facilitiesResponseSchema,
  facilitySchema,
  providerEnrolmentResponseSchema,
  townsResponseSchema,
} from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createHarness, type Harness } from "../test-support.ts";

let h: Harness;
const viewer = "pw-contract-0123456789";
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function answer(res: Response, schema: z.ZodType) {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return schema.safeParse(await res.json()).error;
}

describe("the facility-booking API answers the bodies of its contract", () => {
  it("enrolment", async () => {
    const res = await h.call(viewer, "POST", "/pf/enrolments", {
      serviceId: "facility-booking",
      consent: { scope: ["pairwise-id"], grantedAt: h.clock.now.toISOString(), textVersion: "2026-01" },
    });
    expect(await answer(res, providerEnrolmentResponseSchema)).toBeUndefined();
  });

  it("rules, towns, a town's facilities and one facility", async () => {
    expect(await answer(await h.call(viewer, "GET", "/rules"), bookingRulesResponseSchema)).toBeUndefined();
    expect(await answer(await h.call(viewer, "GET", "/towns"), townsResponseSchema)).toBeUndefined();
    const facilities = await h.call(viewer, "GET", "/towns/nanto/facilities");
    expect(await answer(facilities.clone(), facilitiesResponseSchema)).toBeUndefined();
    const [first] = ((await facilities.json()) as { facilities: { facilityId: string }[] }).facilities;
    const one = await h.call(viewer, "GET", `/facilities/${first!.facilityId}`);
    expect(await answer(one, facilitySchema)).toBeUndefined();
  });

  it("availability, a booking, the bookings and a cancellation", async () => {
    const { facilities } = (await (await h.call(viewer, "GET", "/towns/nanto/facilities")).json()) as {
      facilities: { facilityId: string; fee: { free: boolean } }[];
    };
    const facility = facilities.find((f) => !f.fee.free)!;
    const days = await h.call(viewer, "GET", `/facilities/${facility.facilityId}/availability?days=14`);
    const body = (await days.clone().json()) as z.infer<typeof availabilityResponseSchema>;
    expect(await answer(days, availabilityResponseSchema)).toBeUndefined();
    const open = body.days
      .flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date })))
      .find((s) => s.status === "available")!;
    const booked = await h.book(viewer, {
      facilityId: facility.facilityId,
      date: open.date,
      slotCode: open.code,
    });
    const booking = (await booked.clone().json()) as { bookingId: string };
    expect(await answer(booked, bookingSchema)).toBeUndefined();
    expect(
      await answer(await h.call(viewer, "GET", "/bookings?scope=all"), bookingsResponseSchema),
    ).toBeUndefined();
    expect(
      await answer(await h.call(viewer, "GET", `/bookings/${booking.bookingId}`), bookingSchema),
    ).toBeUndefined();
    expect(await answer(await h.cancel(viewer, booking.bookingId), bookingSchema)).toBeUndefined();
  });
});
