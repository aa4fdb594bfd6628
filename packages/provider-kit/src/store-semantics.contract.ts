/**
 * @module The promises every provider store makes about transactions, whatever the database (one suite, run on the
 * SQLite gate in sqlite/sqlite-gate.test.ts and on the PostgreSQL store in postgres/pg-store.test.ts), over a
 * one-table "counters" store: a transaction commits all or nothing, a read-then-write cannot interleave with
 * another, and the store's own repositories are refused inside a transaction.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

export interface Counters {
  counters: {
    get(name: string): Promise<number | undefined>;
    set(name: string, value: number): Promise<void>;
  };
}

export interface CountersStore extends Counters {
  transaction<T>(fn: (tx: Counters) => Promise<T>): Promise<T>;
}

export interface OpenedCountersStore {
  store: CountersStore;
  close(): Promise<void>;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export function describeStoreSemantics(name: string, open: () => Promise<OpenedCountersStore>): void {
  describe(`transactions of a ${name} store`, () => {
    let opened: OpenedCountersStore;
    let store: CountersStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.close());

    it("commits what a transaction wrote when it resolves", async () => {
      await store.transaction(async (tx) => {
        await tx.counters.set("a", 1);
      });
      expect(await store.counters.get("a")).toBe(1);
    });

    it("rolls back everything a transaction wrote when it throws", async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.counters.set("a", 1);
          await tick();
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(await store.counters.get("a")).toBeUndefined();
    });

    it("keeps a write made outside out of a transaction that is waiting between its statements", async () => {
      const failing = store.transaction(async (tx) => {
        await tx.counters.set("a", 1);
        await tick();
        throw new Error("rolled back");
      });
      const write = store.counters.set("b", 2);
      await expect(failing).rejects.toThrow("rolled back");
      await write;
      expect(await store.counters.get("a")).toBeUndefined();
      expect(await store.counters.get("b")).toBe(2);
    });

    it("keeps two read-then-write transactions from interleaving", async () => {
      await store.transaction((tx) => tx.counters.set("n", 0));
      const increment = () =>
        store.transaction(async (tx) => {
          const n = (await tx.counters.get("n")) ?? 0;
          await tick();
          await tx.counters.set("n", n + 1);
        });
      await Promise.all(Array.from({ length: 10 }, increment));
      expect(await store.counters.get("n")).toBe(10);
    });

    it("refuses the store's own repositories inside a transaction", async () => {
      await expect(
        store.transaction(async () => {
          await store.counters.set("a", 1);
        }),
      ).rejects.toThrow("use the repositories it gives");
    });

    it("refuses a transaction's repositories once it has ended", async () => {
      let leaked: Counters | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.counters.get("a")).rejects.toThrow("has ended");
    });

    it("treats work a transaction started but that outlives it as outside", async () => {
      let later: Promise<number | undefined> | undefined;
      await store.transaction(async (tx) => {
        await tx.counters.set("a", 1);
        later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => store.counters.get("a"));
      });
      expect(await later).toBe(1);
    });
  });
}
