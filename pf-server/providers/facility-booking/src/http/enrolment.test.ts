import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, pairwiseId } from "../test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe("enrolment", () => {
  it("creates our own user ID linked to the pairwise ID and records the consent", async () => {
    const id = await h.enrol(pairwiseId(1));
    expect(id).toMatch(/^FU-/);
    const user = (await h.deps.store.users.findByPairwiseId(pairwiseId(1)))!;
    expect(user).toMatchObject({ id, consentScope: ["pairwise-id"], consentTextVersion: "2026-01" });
    expect(user.consentGrantedAt).toBe("2026-11-24T01:00:00.000Z");
  });

  it("answers the same user ID when the PF repeats an enrolment", async () => {
    const first = await h.enrol(pairwiseId(1));
    const res = await h.call(pairwiseId(1), "POST", "/pf/enrolments", {
      serviceId: "facility-booking",
      consent: { scope: ["pairwise-id"], grantedAt: "2026-11-24T02:00:00.000Z", textVersion: "2026-02" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ providerUserId: first });
    expect((await h.deps.store.users.findByPairwiseId(pairwiseId(1)))?.consentTextVersion).toBe("2026-02");
  });

  it("refuses an enrolment without consent", async () => {
    const res = await h.call(pairwiseId(1), "POST", "/pf/enrolments", { serviceId: "facility-booking" });
    expect(res.status).toBe(400);
  });
});

describe("unenrolment", () => {
  it("deletes the link, cancels future bookings and keeps the fee records without the person", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), {
      facilityId: "suzaka-city-gym",
      date: "2026-12-05",
      slotCode: "am",
    });
    const del = await h.call(pairwiseId(1), "DELETE", `/pf/enrolments/${pairwiseId(1)}`);
    expect(del.status).toBe(204);
    expect(await h.deps.store.users.findByPairwiseId(pairwiseId(1))).toBeUndefined();
    expect(await h.deps.store.bookings.get(bookingId)).toMatchObject({
      userId: null,
      status: "cancelled",
      feeOutcome: "refunded",
    });
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.kind)).toEqual(["charge", "reversal"]);
    const after = await h.call(pairwiseId(1), "GET", "/bookings");
    expect(after.status).toBe(409);
  });

  it("answers 204 for a viewer who was not enrolled", async () => {
    expect((await h.call(pairwiseId(1), "DELETE", `/pf/enrolments/${pairwiseId(1)}`)).status).toBe(204);
  });

  it("refuses to unenrol a viewer other than the one the assertion names", async () => {
    await h.enrol(pairwiseId(2));
    const res = await h.call(pairwiseId(1), "DELETE", `/pf/enrolments/${pairwiseId(2)}`);
    expect(res.status).toBe(403);
    expect(await h.deps.store.users.findByPairwiseId(pairwiseId(2))).toBeDefined();
  });
});
