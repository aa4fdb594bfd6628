/**
 * @module The one test suite of the healthcare provider's store (domain/ports.ts), run against every
 * implementation: SQLite (sqlite-health-store.test.ts) and PostgreSQL (postgres/pg-health-store.test.ts). Each test
 * opens a fresh, empty database.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateHealthHistory } from "../domain/generate-health-history.ts";
import type { HealthStore, HealthUser } from "../domain/ports.ts";

export interface OpenedHealthStore {
  store: HealthStore;
  /**
   * A store that works at the same time as `store`, as a second instance would: another pool on PostgreSQL; on
   * SQLite, `store` itself (a database file has one server process).
   */
  peer(): Promise<HealthStore>;
  close(): Promise<void>;
}

const NOW = new Date("2026-11-24T01:00:00.000Z");

function user(id: string, pairwiseId: string): HealthUser {
  return {
    id,
    pairwiseId,
    serviceId: "healthcare",
    operatorId: null,
    enrolledAt: NOW.toISOString(),
    consentScope: ["health-records"],
    consentGrantedAt: NOW.toISOString(),
    consentTextVersion: "v1",
    sampleSex: "2",
    sampleAge: 52,
  };
}

export function describeHealthStoreContract(name: string, open: () => Promise<OpenedHealthStore>): void {
  describe(`the healthcare store on ${name}`, () => {
    let opened: OpenedHealthStore;
    let store: HealthStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.close());

    it("stores a user with their generated history and gives it back in order", async () => {
      const { history } = generateHealthHistory("pw-1", NOW);
      await store.transaction((tx) => tx.users.insert(user("U-1", "pw-1"), history));
      expect(await store.users.findByPairwiseId("pw-1")).toEqual(user("U-1", "pw-1"));
      expect(await store.records.checkups("U-1")).toEqual(
        [...history.checkups].sort((a, b) => a.fiscalYear - b.fiscalYear),
      );
      const steps = await store.records.steps("U-1", 6);
      expect(steps).toEqual([...history.steps].sort((a, b) => a.month.localeCompare(b.month)).slice(-6));
      expect((await store.records.vaccinations("U-1")).map((v) => v.date)).toEqual(
        history.vaccinations.map((v) => v.date).sort((a, b) => b.localeCompare(a)),
      );
      expect((await store.records.notices("U-1")).map((n) => n.publishedAt)).toEqual(
        history.notices.map((n) => n.publishedAt).sort((a, b) => b.localeCompare(a)),
      );
      expect(await store.records.rowCounts("U-1")).toBe(
        history.checkups.length + history.steps.length + history.vaccinations.length + history.notices.length,
      );
    });

    it("deletes every health row with the user", async () => {
      await store.users.insert(user("U-1", "pw-1"), generateHealthHistory("pw-1", NOW).history);
      await store.users.delete("U-1");
      expect(await store.users.findByPairwiseId("pw-1")).toBeUndefined();
      expect(await store.records.rowCounts("U-1")).toBe(0);
    });

    it("updates the consent and the operator learnt later", async () => {
      await store.users.insert(user("U-1", "pw-1"), {
        checkups: [],
        steps: [],
        vaccinations: [],
        notices: [],
      });
      await store.users.updateConsent("U-1", {
        consentScope: ["health-records", "steps"],
        consentGrantedAt: "2026-11-25T00:00:00.000Z",
        consentTextVersion: "v2",
      });
      await store.users.setOperator("pw-1", "op-nanto");
      expect(await store.users.findByPairwiseId("pw-1")).toMatchObject({
        consentScope: ["health-records", "steps"],
        consentTextVersion: "v2",
        operatorId: "op-nanto",
      });
    });

    it("enrols one user when one pairwise ID is enrolled twice at once", async () => {
      const peer = await opened.peer();
      const empty = { checkups: [], steps: [], vaccinations: [], notices: [] };
      const results = await Promise.allSettled([
        store.transaction((tx) => tx.users.insert(user("U-1", "pw-1"), empty)),
        peer.transaction((tx) => tx.users.insert(user("U-2", "pw-1"), empty)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await store.users.findByPairwiseId("pw-1")).toBeDefined();
    });

    it("stores nothing of a transaction that throws", async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.users.insert(user("U-1", "pw-1"), generateHealthHistory("pw-1", NOW).history);
          await tx.usage.add("2026-11", "op-nanto", "enrolment");
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(await store.users.findByPairwiseId("pw-1")).toBeUndefined();
      expect(await store.records.rowCounts("U-1")).toBe(0);
      expect(await store.usage.list()).toEqual([]);
    });

    it("counts every use added at once by two instances", async () => {
      const peer = await opened.peer();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? peer : store).transaction((tx) => tx.usage.add("2026-11", "op-nanto", "view")),
        ),
      );
      await store.usage.add("2026-10", "op-nanto", "enrolment");
      await store.usage.add("2026-11", "op-nanto", "enrolment");
      expect(await store.usage.list()).toEqual([
        { month: "2026-11", operatorId: "op-nanto", kind: "enrolment", count: 1 },
        { month: "2026-11", operatorId: "op-nanto", kind: "view", count: 20 },
        { month: "2026-10", operatorId: "op-nanto", kind: "enrolment", count: 1 },
      ]);
    });

    it("stores an event once, gives payloads of a type oldest first, finds an enrolment's operator", async () => {
      const enrolment = (id: string, at: string, operatorId: string) => ({
        id,
        type: "enrolment.created",
        receivedAt: at,
        payload: JSON.stringify({ id, data: { pairwiseId: "pw-1", operatorId } }),
      });
      expect(
        await store.events.recordIfNew(enrolment("evt-2", "2026-11-24T02:00:00.000Z", "op-suzaka")),
      ).toBe(true);
      expect(await store.events.recordIfNew(enrolment("evt-1", "2026-11-24T01:00:00.000Z", "op-nanto"))).toBe(
        true,
      );
      expect(await store.events.recordIfNew(enrolment("evt-1", "2026-11-24T01:00:00.000Z", "op-nanto"))).toBe(
        false,
      );
      expect((await store.events.payloads("enrolment.created")).map((p) => JSON.parse(p).id)).toEqual([
        "evt-1",
        "evt-2",
      ]);
      expect(await store.events.payloads("settlement.issued")).toEqual([]);
      expect(await store.events.operatorForEnrolment("pw-1")).toBe("op-suzaka");
      expect(await store.events.operatorForEnrolment("pw-9")).toBeUndefined();
    });

    it("keeps an operator's name from its settlement over the configured directory's", async () => {
      await store.operators.remember({ id: "op-nanto", name: "設定の名前" }, "directory", NOW.toISOString());
      await store.operators.remember(
        { id: "op-nanto", name: "精算書の名前" },
        "settlement",
        NOW.toISOString(),
      );
      await store.operators.remember({ id: "op-nanto", name: "設定の名前" }, "directory", NOW.toISOString());
      expect(await store.operators.names()).toEqual(new Map([["op-nanto", "精算書の名前"]]));
    });

    it("refuses the store's own repositories inside a transaction", async () => {
      await expect(store.transaction(() => store.usage.list())).rejects.toThrow(
        "use the repositories it gives",
      );
    });
  });
}
