/**
 * @module The one test suite of the facility provider's store (domain/ports.ts), run against every implementation:
 * SQLite (sqlite-store.test.ts) and PostgreSQL (postgres/pg-store.test.ts). Each test opens a fresh, empty
 * database; `second()` opens another connection (another pool) to the same database, as a second server process
 * would, for the promises made to several instances.
 */
import { flushUsageOutbox } from "@catv/provider-kit";
import { silentLogger } from "@catv/service-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomId } from "../domain/deps.ts";
import type { Booking, FacilityStore, OutboxEntry, SettlementInput } from "../domain/ports.ts";
import { demoFacilities, demoTowns } from "../seed/catalogue.ts";
import { seedDemoData } from "../seed/seed-demo-data.ts";

export interface OpenedFacilityStore {
  store: FacilityStore;
  /** Another store over the same database through its own connection(s), as a second server process has. */
  second(): Promise<FacilityStore>;
  /**
   * A store that works at the same time as `store`, as a second instance would: another pool on PostgreSQL. On
   * SQLite, `store` itself: a database file has one server process, and a second connection in this process would
   * block the event loop in SQLite's busy wait for the other's write lock.
   */
  peer(): Promise<FacilityStore>;
  close(): Promise<void>;
}

const NOW = "2026-11-24T01:00:00.000Z";
const LATER = "2026-11-24T01:10:00.000Z";

function booking(id: string, overrides: Partial<Booking> = {}): Booking {
  return {
    id,
    userId: null,
    facilityId: "suzaka-city-gym",
    useDate: "2026-12-05",
    slotCode: "am",
    status: "booked",
    feeYen: 1500,
    taxRatePercent: 10,
    serviceId: "facility-booking",
    operatorId: null,
    createdAt: NOW,
    cancelledAt: null,
    feeOutcome: "charged",
    ...overrides,
  };
}

function report(bookingId: string, kind: "charge" | "reversal", createdAt = NOW) {
  return {
    idempotencyKey: `prov-facility:${bookingId}:${kind}`,
    bookingId,
    kind,
    body: JSON.stringify({ providerReference: bookingId, kind }),
    createdAt,
  };
}

const claimBy = (owner: string, now = NOW, limit = 10) => ({
  limit,
  now,
  leaseUntil: new Date(Date.parse(now) + 60_000).toISOString(),
  owner,
});

export function describeFacilityStoreContract(name: string, open: () => Promise<OpenedFacilityStore>): void {
  describe(`the first start of the facility provider on ${name}`, () => {
    it("seeds the demo catalogue once when two instances start at once", async () => {
      const opened = await open();
      try {
        const peer = await opened.peer();
        const deps = (store: FacilityStore) => ({ store, now: () => new Date(NOW), newId: randomId });
        const results = await Promise.all([seedDemoData(deps(opened.store)), seedDemoData(deps(peer))]);
        expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
        expect(await opened.store.facilities.listTowns()).toHaveLength(demoTowns.length);
      } finally {
        await opened.close();
      }
    });
  });

  describe(`the facility store on ${name}`, () => {
    let opened: OpenedFacilityStore;
    let store: FacilityStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await store.facilities.insertCatalogue(demoTowns, demoFacilities);
    });
    afterEach(() => opened.close());

    describe("catalogue", () => {
      it("lists towns with their facility counts and facilities with their slots in order", async () => {
        const towns = await store.facilities.listTowns();
        expect(towns.map((t) => t.code)).toEqual(["inabe", "nanto", "suzaka"]);
        expect(towns.every((t) => t.facilityCount > 0)).toBe(true);
        const gym = await store.facilities.getFacility("suzaka-city-gym");
        expect(gym).toMatchObject({ townName: "須坂市", kind: "gym" });
        expect(gym!.slots.map((s) => s.code)).toEqual(
          demoFacilities.find((f) => f.id === "suzaka-city-gym")!.slots.map((s) => s.code),
        );
        expect(await store.facilities.isEmpty()).toBe(false);
      });
    });

    describe("bookings", () => {
      it("refuses a second live booking of a slot even when the application checks are bypassed", async () => {
        expect(await store.bookings.insert(booking("BK-1"))).toBe("inserted");
        expect(await store.bookings.insert(booking("BK-2"))).toBe("slot_taken");
      });

      it("lets a slot be booked again once the live booking is cancelled", async () => {
        await store.bookings.insert(booking("BK-1"));
        await store.bookings.markCancelled("BK-1", "2026-11-24T02:00:00.000Z", "refunded");
        expect(await store.bookings.insert(booking("BK-2"))).toBe("inserted");
        expect(await store.bookings.get("BK-1")).toMatchObject({
          status: "cancelled",
          feeOutcome: "refunded",
        });
      });

      it("keeps the transaction usable after a refused booking, so the rest of it commits", async () => {
        await store.bookings.insert(booking("BK-1"));
        await store.transaction(async (tx) => {
          expect(await tx.bookings.insert(booking("BK-2"))).toBe("slot_taken");
          await tx.bookings.insert(booking("BK-3", { slotCode: "pm" }));
        });
        expect(await store.bookings.get("BK-3")).toMatchObject({ status: "booked" });
      });

      it("refuses the double booking from a second connection, as a second server process would be", async () => {
        const other = await opened.second();
        expect(await store.transaction((tx) => tx.bookings.insert(booking("BK-A")))).toBe("inserted");
        expect(await other.transaction((tx) => tx.bookings.insert(booking("BK-B")))).toBe("slot_taken");
        expect((await other.bookings.get("BK-A"))?.status).toBe("booked");
      });

      it("books a slot asked for at once by two instances once", async () => {
        const other = await opened.peer();
        const outcomes = await Promise.all([
          store.transaction((tx) => tx.bookings.insert(booking("BK-A"))),
          other.transaction((tx) => tx.bookings.insert(booking("BK-B"))),
        ]);
        expect(outcomes.sort()).toEqual(["inserted", "slot_taken"]);
        expect(await store.bookings.listOn("2026-12-05")).toHaveLength(1);
      });

      it("counts and lists a user's open bookings from a date, and the booked slots of a facility", async () => {
        await store.users.insert({
          id: "U-1",
          pairwiseId: "pw-1",
          serviceId: "facility-booking",
          operatorId: null,
          enrolledAt: NOW,
          consentScope: ["pairwise-id"],
          consentGrantedAt: NOW,
          consentTextVersion: "v1",
        });
        await store.bookings.insert(booking("BK-1", { userId: "U-1" }));
        await store.bookings.insert(booking("BK-2", { userId: "U-1", useDate: "2026-11-20" }));
        await store.bookings.insert(booking("BK-3", { userId: "U-1", slotCode: "pm" }));
        await store.bookings.markCancelled("BK-3", LATER, "refunded");
        expect(await store.bookings.countOpen("U-1", "2026-11-24")).toBe(1);
        expect((await store.bookings.listOpen("U-1", "2026-11-24")).map((b) => b.id)).toEqual(["BK-1"]);
        expect((await store.bookings.listByUser("U-1")).map((b) => b.id)).toEqual(["BK-1", "BK-3", "BK-2"]);
        expect(await store.bookings.bookedSlots("suzaka-city-gym", "2026-11-01", "2026-12-31")).toEqual([
          { useDate: "2026-11-20", slotCode: "am", userId: "U-1" },
          { useDate: "2026-12-05", slotCode: "am", userId: "U-1" },
        ]);
        const feeBearing = await store.bookings.listFeeBearing();
        expect(feeBearing.map((b) => [b.id, b.townName])).toContainEqual(["BK-1", "須坂市"]);
      });
    });

    describe("users", () => {
      it("gives the operator learnt later to the user's bookings that had none, and unlinks bookings on delete", async () => {
        await store.users.insert({
          id: "U-1",
          pairwiseId: "pw-1",
          serviceId: "facility-booking",
          operatorId: null,
          enrolledAt: NOW,
          consentScope: ["pairwise-id"],
          consentGrantedAt: NOW,
          consentTextVersion: "v1",
        });
        await store.bookings.insert(booking("BK-1", { userId: "U-1" }));
        expect(await store.users.setOperator("pw-unknown", "op-nanto")).toBe(false);
        expect(await store.users.setOperator("pw-1", "op-nanto")).toBe(true);
        expect(await store.users.findByPairwiseId("pw-1")).toMatchObject({
          operatorId: "op-nanto",
          consentScope: ["pairwise-id"],
        });
        expect((await store.bookings.get("BK-1"))?.operatorId).toBe("op-nanto");
        await store.users.delete("U-1");
        expect(await store.users.findByPairwiseId("pw-1")).toBeUndefined();
        expect(await store.bookings.get("BK-1")).toMatchObject({ userId: null, operatorId: "op-nanto" });
      });
    });

    describe("transactions", () => {
      it("stores nothing of a transaction that throws", async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.bookings.insert(booking("BK-1"));
            await tx.outbox.add(report("BK-1", "charge"));
            throw new Error("refused");
          }),
        ).rejects.toThrow("refused");
        expect(await store.bookings.get("BK-1")).toBeUndefined();
        expect(await store.outbox.list()).toEqual([]);
      });

      it("refuses the store's own repositories inside a transaction", async () => {
        await expect(store.transaction(() => store.bookings.get("BK-1"))).rejects.toThrow(
          "use the repositories it gives",
        );
      });

      it("keeps read-then-write transactions from interleaving", async () => {
        const other = await opened.peer();
        const take = (s: FacilityStore, id: string) =>
          s.transaction(async (tx) => {
            // The use cases' pattern: count, decide, write. Only one of the two may see an empty slot list.
            const open = await tx.bookings.listOn("2026-12-05");
            if (open.length > 0) return "full";
            await new Promise((resolve) => setTimeout(resolve, 20));
            await tx.bookings.insert(booking(id, { slotCode: id === "BK-A" ? "am" : "pm" }));
            return "booked";
          });
        const outcomes = await Promise.all([take(store, "BK-A"), take(other, "BK-B")]);
        expect(outcomes.sort()).toEqual(["booked", "full"]);
      });
    });

    describe("usage outbox", () => {
      it("stores one report when one Idempotency-Key is queued twice at once", async () => {
        const other = await opened.peer();
        const results = await Promise.allSettled([
          store.transaction((tx) => tx.outbox.add(report("BK-1", "charge"))),
          other.transaction((tx) => tx.outbox.add(report("BK-1", "charge"))),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect(await store.outbox.list()).toHaveLength(1);
      });

      it("claims only due reports, and a booking's reversal only once its charge is no longer pending", async () => {
        await store.outbox.add(report("BK-1", "charge"));
        await store.outbox.add(report("BK-1", "reversal"));
        await store.outbox.add(report("BK-2", "charge", LATER));
        const first = await store.outbox.claim(claimBy("w1"));
        expect(first.map((e) => [e.bookingId, e.kind])).toEqual([["BK-1", "charge"]]);
        expect(first[0]).toMatchObject({ leaseOwner: "w1", status: "pending", attempts: 0 });
        await store.outbox.markAccepted(first[0]!.id, "w1", 1, "use_1", NOW);
        const second = await store.outbox.claim(claimBy("w1", LATER));
        expect(second.map((e) => [e.bookingId, e.kind])).toEqual([
          ["BK-1", "reversal"],
          ["BK-2", "charge"],
        ]);
      });

      it("does not claim a report leased to a live worker, and claims it again once the lease has expired", async () => {
        await store.outbox.add(report("BK-1", "charge"));
        expect(await store.outbox.claim(claimBy("w1"))).toHaveLength(1);
        expect(await store.outbox.claim(claimBy("w2"))).toEqual([]);
        const afterExpiry = new Date(Date.parse(NOW) + 60_000).toISOString();
        const taken = await store.outbox.claim(claimBy("w2", afterExpiry));
        expect(taken.map((e) => e.leaseOwner)).toEqual(["w2"]);
        // The worker that lost its lease can no longer mark the report.
        await store.outbox.markAccepted(taken[0]!.id, "w1", 1, "use_stale", afterExpiry);
        expect((await store.outbox.list())[0]).toMatchObject({ status: "pending", usageId: null });
        await store.outbox.markAccepted(taken[0]!.id, "w2", 1, "use_1", afterExpiry);
        expect((await store.outbox.list())[0]).toMatchObject({
          status: "accepted",
          usageId: "use_1",
          leaseOwner: null,
          leaseUntil: null,
        });
      });

      it("keeps retry and refusal state, and gives a released report back unchanged", async () => {
        await store.outbox.add(report("BK-1", "charge"));
        await store.outbox.add(report("BK-2", "charge"));
        await store.outbox.add(report("BK-3", "charge"));
        const [a, b, c] = await store.outbox.claim(claimBy("w1"));
        await store.outbox.markRetry(a!.id, "w1", 1, LATER, "HTTP 503 unavailable");
        await store.outbox.markRejected(b!.id, "w1", 1, "HTTP 400 validation_failed");
        await store.outbox.release(c!.id, "w1");
        const entries = await store.outbox.list();
        expect(entries.map((e: OutboxEntry) => [e.status, e.attempts, e.nextAttemptAt, e.lastError])).toEqual(
          [
            ["pending", 1, LATER, "HTTP 503 unavailable"],
            ["rejected", 1, NOW, "HTTP 400 validation_failed"],
            ["pending", 0, NOW, null],
          ],
        );
        expect((await store.outbox.claim(claimBy("w2"))).map((e) => e.bookingId)).toEqual(["BK-3"]);
      });

      it("never gives one report to two workers claiming at once", async () => {
        for (let i = 0; i < 40; i += 1) await store.outbox.add(report(`BK-${i}`, "charge"));
        const other = await opened.peer();
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).outbox.claim(claimBy(`w${i}`, NOW, 7))),
        );
        const ids = claims.flat().map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(40);
      });

      it("delivers every report exactly once with two workers flushing at once", async () => {
        for (let i = 0; i < 30; i += 1) {
          await store.outbox.add(report(`BK-${i}`, "charge"));
          if (i % 3 === 0) await store.outbox.add(report(`BK-${i}`, "reversal"));
        }
        const other = await opened.peer();
        const delivered: string[] = [];
        let usage = 0;
        const pf: typeof fetch = async (_url, init) => {
          const key = new Headers(init?.headers).get("idempotency-key")!;
          delivered.push(key);
          await new Promise((resolve) => setTimeout(resolve, 1));
          usage += 1;
          return Response.json({ usageId: `use_${usage}`, status: "accepted" }, { status: 201 });
        };
        const flush = (s: FacilityStore) =>
          flushUsageOutbox({
            outbox: s.outbox,
            now: () => new Date(NOW),
            pfUrl: "http://pf.invalid",
            apiKey: "k",
            logger: silentLogger,
            fetch: pf,
          });
        const [a, b] = await Promise.all([flush(store), flush(other)]);
        expect(a.accepted + b.accepted).toBe(40);
        expect(delivered).toHaveLength(40);
        expect(new Set(delivered).size).toBe(40);
        for (let i = 0; i < 30; i += 3) {
          expect(delivered.indexOf(`prov-facility:BK-${i}:charge`)).toBeLessThan(
            delivered.indexOf(`prov-facility:BK-${i}:reversal`),
          );
        }
        expect((await store.outbox.list()).every((e) => e.status === "accepted")).toBe(true);
      });
    });

    describe("events and settlements", () => {
      it("stores an event once, and finds the operator of a stored enrolment.created", async () => {
        const event = {
          id: "evt-1",
          type: "enrolment.created",
          receivedAt: NOW,
          payload: JSON.stringify({ data: { pairwiseId: "pw-1", operatorId: "op-nanto" } }),
        };
        expect(await store.events.recordIfNew(event)).toBe(true);
        expect(await store.events.recordIfNew(event)).toBe(false);
        expect(await store.events.operatorForEnrolment("pw-1")).toBe("op-nanto");
        expect(await store.events.operatorForEnrolment("pw-2")).toBeUndefined();
      });

      it("replaces a settlement re-issued with the same ID", async () => {
        const settlement: SettlementInput = {
          id: "set-1",
          eventId: "evt-1",
          operatorId: "op-nanto",
          operatorName: "なんとケーブルテレビ",
          town: "nanto",
          month: "2026-11",
          recordsCollected: 1,
          reversals: 0,
          grossYen: 1500,
          collectionFeeYen: 45,
          netPayableYen: 1455,
          receivedAt: NOW,
          records: [{ providerReference: "BK-1", status: "collected", amountYen: 1500 }],
        };
        await store.settlements.save(settlement);
        await store.settlements.save({
          ...settlement,
          eventId: "evt-2",
          recordsCollected: 0,
          records: [{ providerReference: "BK-1", status: "uncollected", amountYen: 1500 }],
        });
        expect(await store.settlements.list()).toEqual([
          {
            ...settlement,
            eventId: "evt-2",
            recordsCollected: 0,
            records: [{ providerReference: "BK-1", status: "uncollected", amountYen: 1500 }],
          },
        ]);
      });

      it("keeps an operator's name from its settlement over the configured directory's", async () => {
        await store.operators.remember({ id: "op-nanto", name: "設定の名前" }, "directory", NOW);
        await store.operators.remember({ id: "op-nanto", name: "精算書の名前" }, "settlement", NOW);
        await store.operators.remember({ id: "op-nanto", name: "設定の名前" }, "directory", LATER);
        expect(await store.operators.names()).toEqual(new Map([["op-nanto", "精算書の名前"]]));
      });
    });

    describe("staff", () => {
      it("closes a slot once, lists closures, reopens it once", async () => {
        const closure = {
          facilityId: "suzaka-city-gym",
          useDate: "2026-12-05",
          slotCode: "am",
          reason: "設備点検",
          noticeToBooked: "点検のため",
          closedAt: NOW,
          closedBy: "staff",
        };
        expect(await store.closures.insert(closure)).toBe("inserted");
        expect(await store.closures.insert(closure)).toBe("already_closed");
        expect(await store.closures.get("suzaka-city-gym", "2026-12-05", "am")).toEqual(closure);
        expect(await store.closures.listBetween("suzaka-city-gym", "2026-12-01", "2026-12-31")).toEqual([
          closure,
        ]);
        expect(await store.closures.listOn("2026-12-05")).toEqual([closure]);
        expect(await store.closures.delete("suzaka-city-gym", "2026-12-05", "am")).toBe(true);
        expect(await store.closures.delete("suzaka-city-gym", "2026-12-05", "am")).toBe(false);
      });

      it("gives the latest staff audit entries newest first", async () => {
        for (const [i, outcome] of ["done", "slot_already_closed", "done"].entries()) {
          await store.staffAudit.record({
            at: `2026-11-24T01:0${i}:00.000Z`,
            staff: "staff",
            action: "slot.close",
            outcome,
            facilityId: "suzaka-city-gym",
            useDate: "2026-12-05",
            slotCode: "am",
            detail: null,
            requestId: `req-${i}`,
          });
        }
        expect((await store.staffAudit.latest(2)).map((e) => e.requestId)).toEqual(["req-2", "req-1"]);
      });
    });
  });
}
