import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Counters, CountersStore } from "../store-semantics.contract.ts";
import { describeStoreSemantics } from "../store-semantics.contract.ts";
import { type Synchronous, sqliteGate } from "./sqlite-gate.ts";

describeStoreSemantics("SQLite (the gate)", async () => {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const read = sqlite.prepare<[string], { value: number }>("SELECT value FROM counters WHERE name = ?");
  const write = sqlite.prepare(
    "INSERT INTO counters VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
  );
  const repos: Synchronous<Counters> = {
    counters: {
      get: (name) => read.get(name)?.value,
      set: (name, value) => {
        write.run(name, value);
      },
    },
  };
  const gate = sqliteGate(sqlite);
  const store: CountersStore = {
    ...gate.outside<Counters>(repos),
    transaction: (fn) => gate.transaction(repos, fn),
  };
  return {
    store,
    async close() {
      // A transaction never leaves the connection inside it, whatever happened.
      if (sqlite.inTransaction) throw new Error("the connection was left inside a transaction");
      sqlite.close();
    },
  };
});

describe("the SQLite gate", () => {
  it("makes a call from outside wait until the transaction in progress has committed", async () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE TABLE t (n INTEGER)");
    const repos: Synchronous<{ t: { add(n: number): Promise<void>; count(): Promise<number> } }> = {
      t: {
        add: (n) => {
          sqlite.prepare("INSERT INTO t VALUES (?)").run(n);
        },
        count: () => (sqlite.prepare("SELECT count(*) AS c FROM t").get() as { c: number }).c,
      },
    };
    type Repos = { t: { add(n: number): Promise<void>; count(): Promise<number> } };
    const gate = sqliteGate(sqlite);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = gate.transaction<Repos, void>(repos, async (tx) => {
      await tx.t.add(1);
      await held;
      await tx.t.add(2);
    });
    const seen = gate.outside<Repos>(repos).t.count();
    release();
    await transaction;
    // Not 1: on one connection the outside read would otherwise run in the middle of the transaction.
    expect(await seen).toBe(2);
    sqlite.close();
  });
});
