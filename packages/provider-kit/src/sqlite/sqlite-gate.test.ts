import Database from "better-sqlite3";
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
