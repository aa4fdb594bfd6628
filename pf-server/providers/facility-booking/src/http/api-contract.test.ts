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
import { checkContract } from "@catv/provider-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createHarness, type Harness } from "../test-support.ts";

let h: Harness;
const viewer = "pw-contract-0123456789";
const conforms = { ok: true, issues: [] };
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("the facility-booking API answers the bodies of its contract", () => {
  it("enrolment", async () => {
    const res = await h.call(viewer, "POST", "/pf/enrolments", {
      serviceId: "facility-booking",
      consent: { scope: ["pairwise-id"], grantedAt: h.clock.now.toISOString(), textVersion: "2026-01" },
    });
    expect(await checkContract(res, providerEnrolmentResponseSchema)).toEqual(conforms);
  });

  it("rules, towns, a town's facilities and one facility", async () => {
    expect(await checkContract(await h.call(viewer, "GET", "/rules"), bookingRulesResponseSchema)).toEqual(
      conforms,
    );
    expect(await checkContract(await h.call(viewer, "GET", "/towns"), townsResponseSchema)).toEqual(conforms);
    const facilities = await h.call(viewer, "GET", "/towns/nanto/facilities");
    const [first] = ((await facilities.clone().json()) as { facilities: { facilityId: string }[] })
      .facilities;
    expect(await checkContract(facilities, facilitiesResponseSchema)).toEqual(conforms);
    const one = await h.call(viewer, "GET", `/facilities/${first!.facilityId}`);
    expect(await checkContract(one, facilitySchema)).toEqual(conforms);
  });

  it("availability, a booking, the bookings and a cancellation", async () => {
    const { facilities } = (await (await h.call(viewer, "GET", "/towns/nanto/facilities")).json()) as {
      facilities: { facilityId: string; fee: { free: boolean } }[];
    };
    const facility = facilities.find((f) => !f.fee.free)!;
    const days = await h.call(viewer, "GET", `/facilities/${facility.facilityId}/availability?days=14`);
    const body = (await days.clone().json()) as z.infer<typeof availabilityResponseSchema>;
    expect(await checkContract(days, availabilityResponseSchema)).toEqual(conforms);
    const open = body.days
      .flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date })))
      .find((s) => s.status === "available")!;
    const booked = await h.book(viewer, {
      facilityId: facility.facilityId,
      date: open.date,
      slotCode: open.code,
    });
    const { bookingId } = (await booked.clone().json()) as { bookingId: string };
    expect(await checkContract(booked, bookingSchema)).toEqual(conforms);
    expect(
      await checkContract(await h.call(viewer, "GET", "/bookings?scope=all"), bookingsResponseSchema),
    ).toEqual(conforms);
    expect(await checkContract(await h.call(viewer, "GET", `/bookings/${bookingId}`), bookingSchema)).toEqual(
      conforms,
    );
    expect(await checkContract(await h.cancel(viewer, bookingId), bookingSchema)).toEqual(conforms);
  });
});
