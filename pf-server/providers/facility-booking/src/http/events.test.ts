import { signedEvent } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, pairwiseId, WEBHOOK_SECRET } from "../test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const nowSeconds = () => Math.floor(h.clock.now.getTime() / 1000);

function settlementEvent(id: string) {
  return {
    id,
    type: "settlement.issued",
    timestamp: "2026-12-05T00:00:00.000Z",
    data: {
      settlementId: "stl-2026-11-op-suzaka",
      operatorId: "op-suzaka",
      operatorName: "すざかケーブルネット（デモ）",
      town: "須坂市",
      month: "2026-11",
      recordsCollected: 2,
      reversals: 1,
      grossYen: 3500,
      collectionFeeYen: 175,
      netPayableYen: 3325,
      records: [
        { providerReference: "BK-AAAA", pairwiseId: pairwiseId(1), status: "collected", amountYen: 1500 },
        { providerReference: "BK-BBBB", pairwiseId: pairwiseId(2), status: "collected", amountYen: 2000 },
        { providerReference: "BK-CCCC", pairwiseId: pairwiseId(3), status: "reversed", amountYen: 2500 },
      ],
    },
  };
}

describe("PF events", () => {
  it("stores a signed settlement with its per-record status", async () => {
    const res = await h.app.request(
      "/pf/events",
      signedEvent(WEBHOOK_SECRET, settlementEvent("evt_1"), nowSeconds()),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "stored" });
    const [stored] = await h.deps.store.settlements.list();
    expect(stored).toMatchObject({ operatorId: "op-suzaka", month: "2026-11", netPayableYen: 3325 });
    expect(stored!.records).toHaveLength(3);
  });

  it("stores an event delivered twice only once", async () => {
    await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, settlementEvent("evt_1"), nowSeconds()));
    const again = await h.app.request(
      "/pf/events",
      signedEvent(WEBHOOK_SECRET, settlementEvent("evt_1"), nowSeconds()),
    );
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await h.deps.store.settlements.list()).toHaveLength(1);
  });

  it("keeps a signed event of a type it does not use yet, once, and answers 200 so the PF stops resending", async () => {
    const event = {
      id: "evt_new_1",
      type: "provider.notice",
      timestamp: "2026-12-05T00:00:00.000Z",
      data: {},
    };
    const first = await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, nowSeconds()));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "ignored" });
    const again = await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, nowSeconds()));
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await h.deps.store.settlements.list()).toHaveLength(0);
  });

  it("refuses an event signed with another secret", async () => {
    const other = `whsec_${Buffer.from("not-the-secret-not-the-secret-xx").toString("base64")}`;
    const res = await h.app.request("/pf/events", signedEvent(other, settlementEvent("evt_1"), nowSeconds()));
    expect(res.status).toBe(401);
    expect(await h.deps.store.settlements.list()).toHaveLength(0);
  });

  it("refuses a replayed event older than the tolerance", async () => {
    const res = await h.app.request(
      "/pf/events",
      signedEvent(WEBHOOK_SECRET, settlementEvent("evt_1"), nowSeconds() - 3600),
    );
    expect(res.status).toBe(401);
  });

  it("learns the viewer's operator from enrolment.created", async () => {
    await h.enrol(pairwiseId(1));
    const event = {
      id: "evt_2",
      type: "enrolment.created",
      timestamp: "2026-11-24T01:00:00.000Z",
      data: {
        pairwiseId: pairwiseId(1),
        serviceId: "facility-booking",
        operatorId: "op-nanto",
        enrolledAt: "2026-11-24T01:00:00.000Z",
      },
    };
    await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, nowSeconds()));
    expect((await h.deps.store.users.findByPairwiseId(pairwiseId(1)))?.operatorId).toBe("op-nanto");
  });

  it("refuses a known event type whose data does not match the contract", async () => {
    const bad = { ...settlementEvent("evt_3"), data: { month: "November" } };
    const res = await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, bad, nowSeconds()));
    expect(res.status).toBe(400);
  });
});

describe("settlements and bookings of unknown operator", () => {
  it("learns a booking's operator from the settlement that collected it", async () => {
    await h.enrol(pairwiseId(1));
    const bookingId = await h.bookedId(pairwiseId(1), {
      facilityId: "suzaka-city-gym",
      date: "2026-12-05",
      slotCode: "am",
    });
    const event = settlementEvent("evt_9");
    event.data.records[0]!.providerReference = bookingId;
    await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, nowSeconds()));
    expect((await h.deps.store.bookings.get(bookingId))?.operatorId).toBe("op-suzaka");
  });
});

describe("request size", () => {
  it("refuses a body larger than 1 MiB with payload_too_large", async () => {
    const res = await h.app.request("/pf/events", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) },
      body: "x".repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });
});
