import { usageReportRequestSchema } from "@catv/contracts";
import { flushUsageOutbox } from "@catv/provider-kit";
import { silentLogger } from "@catv/service-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, createHarness, type Harness, pairwiseId } from "../test-support.ts";

const GYM = "suzaka-city-gym";
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.enrol(pairwiseId(1));
});
afterEach(() => h.close());

const bookGym = (date = "2026-12-05", slotCode = "pm") =>
  h.bookedId(pairwiseId(1), { facilityId: GYM, date, slotCode });

describe("usage reports to the PF", () => {
  it("reports a paid booking as a charge with the provider key and an idempotency key", async () => {
    const bookingId = await bookGym();
    expect(await h.flush()).toMatchObject({ accepted: 1, deferred: false });
    expect(h.pf.usage).toHaveLength(1);
    const report = h.pf.usage[0]!;
    expect(report.authorization).toBe(`Bearer ${API_KEY}`);
    expect(report.idempotencyKey).toBe(`prov-facility:${bookingId}:charge`);
    expect(usageReportRequestSchema.parse(report.body)).toMatchObject({
      pairwiseId: pairwiseId(1),
      serviceId: "facility-booking",
      kind: "charge",
      amountYen: 2000,
      taxRatePercent: 10,
      providerReference: bookingId,
    });
  });

  it("does not report a free booking", async () => {
    await h.book(pairwiseId(1), {
      facilityId: "inabe-daian-room2",
      date: "2026-11-26",
      slotCode: "am",
    });
    await h.flush();
    expect(h.pf.usage).toHaveLength(0);
  });

  it("sends an accepted report only once", async () => {
    await bookGym();
    await h.flush();
    await h.flush();
    expect(h.pf.usage).toHaveLength(1);
  });

  it("retries a report the PF failed to take, with the same key and body, until accepted", async () => {
    const bookingId = await bookGym();
    h.pf.failNextUsage(503);
    expect(await h.flush()).toMatchObject({ accepted: 0, deferred: true });
    // Not yet due: the backoff holds the retry back.
    await h.flush();
    expect(h.pf.usage).toHaveLength(1);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    expect(await h.flush()).toMatchObject({ accepted: 1 });
    expect(h.pf.usage).toHaveLength(2);
    expect(h.pf.usage[1]!.idempotencyKey).toBe(h.pf.usage[0]!.idempotencyKey);
    expect(h.pf.usage[1]!.body).toEqual(h.pf.usage[0]!.body);
    const entry = (await h.deps.store.outbox.list()).find((e) => e.bookingId === bookingId)!;
    expect(entry).toMatchObject({ status: "accepted", attempts: 2, usageId: "use_1" });
  });

  it("keeps a report queued while the PF cannot be reached at all", async () => {
    await bookGym();
    const down = await flushUsageOutbox({
      outbox: h.deps.store.outbox,
      now: () => h.clock.now,
      pfUrl: "http://127.0.0.1:1",
      apiKey: API_KEY,
      logger: silentLogger,
      random: () => 0.5,
    });
    expect(down).toMatchObject({ accepted: 0, deferred: true });
    expect((await h.deps.store.outbox.list())[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "network: TypeError",
    });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    expect(await h.flush()).toMatchObject({ accepted: 1 });
  });

  it("sets aside a report the PF refuses as malformed instead of retrying it forever", async () => {
    await bookGym();
    h.pf.failNextUsage(400);
    expect(await h.flush()).toMatchObject({ rejected: 1 });
    expect((await h.deps.store.outbox.list())[0]).toMatchObject({
      status: "rejected",
      lastError: "HTTP 400 internal_error",
    });
  });

  it("reports a reversal when a paid booking is cancelled inside the free-cancellation window", async () => {
    const bookingId = await bookGym("2026-12-05");
    const res = await h.cancel(pairwiseId(1), bookingId, { acr: "urn:catv:acr:pinless" });
    expect(await res.json()).toMatchObject({ status: "cancelled", feeOutcome: "refunded" });
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.kind)).toEqual(["charge", "reversal"]);
    const reversal = h.pf.usage[1]!;
    expect(reversal.idempotencyKey).toBe(`prov-facility:${bookingId}:reversal`);
    expect(reversal.body).toMatchObject({
      amountYen: 2000,
      reverses: bookingId,
      providerReference: `${bookingId}-CANCEL`,
    });
  });

  it("keeps the fee without a reversal when cancelled later than the free-cancellation window", async () => {
    const bookingId = await bookGym("2026-11-28");
    const res = await h.cancel(pairwiseId(1), bookingId);
    expect(await res.json()).toMatchObject({ status: "cancelled", feeOutcome: "kept" });
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.kind)).toEqual(["charge"]);
  });

  it("lets other bookings' reports through while one booking's report waits for its retry", async () => {
    const first = await bookGym("2026-12-05", "am");
    h.pf.failNextUsage(503);
    await h.flush();
    await h.cancel(pairwiseId(1), first);
    const second = await bookGym("2026-12-05", "pm");
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.providerReference)).toEqual([first, second]);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.providerReference)).toEqual([
      first,
      second,
      first,
      `${first}-CANCEL`,
    ]);
  });

  it("never sends a reversal ahead of the charge it cancels", async () => {
    const bookingId = await bookGym("2026-12-05");
    h.pf.failNextUsage(503);
    await h.flush();
    await h.cancel(pairwiseId(1), bookingId);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.flush();
    expect(h.pf.usage.map((u) => u.body.kind)).toEqual(["charge", "charge", "reversal"]);
  });
});
