import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sqliteGate } from "./sqlite-gate.ts";

function counter() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table t (n integer)");
  const repos = {
    t: {
      add: (n: number) => {
        sqlite.prepare("insert into t values (?)").run(n);
      },
      count: () => (sqlite.prepare("select count(*) as c from t").get() as { c: number }).c,
    },
  };
  type Repos = { t: { add(n: number): Promise<void>; count(): Promise<number> } };
  const gate = sqliteGate(sqlite);
  return {
    outside: gate.outside<Repos>(repos),
    transaction: <T>(fn: (tx: Repos) => Promise<T>) => gate.transaction<Repos, T>(repos, fn),
  };
}

describe("the SQLite gate", () => {
  it("rolls back every write of a transaction that throws", async () => {
    const db = counter();
    await expect(
      db.transaction(async (tx) => {
        await tx.t.add(1);
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await db.outside.t.count()).toBe(0);
  });

  it("makes a call from outside wait until the transaction in progress has committed", async () => {
    const db = counter();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.t.add(1);
      await held;
      await tx.t.add(2);
    });
    const seen = db.outside.t.count();
    release();
    await transaction;
    // Not 1: the outside read did not run in the middle of the transaction.
    expect(await seen).toBe(2);
  });

  it("refuses the store's repositories inside a transaction (on SQLite it would wait for itself)", async () => {
    const db = counter();
    await expect(db.transaction(async () => db.outside.t.count())).rejects.toThrow(
      /use the repositories it gives/,
    );
  });
});
