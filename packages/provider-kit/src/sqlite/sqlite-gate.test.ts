import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SqliteGate, sqliteGate } from "./sqlite-gate.ts";

interface Counters {
  counters: {
    get(name: string): Promise<number | undefined>;
    set(name: string, value: number): Promise<void>;
  };
}

let sqlite: Database.Database;
let gate: SqliteGate;
let repos: { counters: { get(name: string): number | undefined; set(name: string, value: number): void } };

beforeEach(() => {
  sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const read = sqlite.prepare<[string], { value: number }>("SELECT value FROM counters WHERE name = ?");
  const write = sqlite.prepare(
    "INSERT INTO counters VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
  );
  repos = {
    counters: {
      get: (name) => read.get(name)?.value,
      set: (name, value) => {
        write.run(name, value);
      },
    },
  };
  gate = sqliteGate(sqlite);
});
afterEach(() => sqlite.close());

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the SQLite gate", () => {
  it("commits what a transaction wrote when it resolves", async () => {
    await gate.transaction<Counters, void>(repos, async (tx) => {
      await tx.counters.set("a", 1);
    });
    expect(await gate.outside<Counters>(repos).counters.get("a")).toBe(1);
  });

  it("rolls back everything a transaction wrote when it throws", async () => {
    await expect(
      gate.transaction<Counters, void>(repos, async (tx) => {
        await tx.counters.set("a", 1);
        await tick();
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await gate.outside<Counters>(repos).counters.get("a")).toBeUndefined();
    expect(sqlite.inTransaction).toBe(false);
  });

  it("keeps a write made outside out of a transaction that is waiting between its statements", async () => {
    const outside = gate.outside<Counters>(repos);
    const failing = gate.transaction<Counters, void>(repos, async (tx) => {
      await tx.counters.set("a", 1);
      await tick();
      throw new Error("rolled back");
    });
    const write = outside.counters.set("b", 2);
    await expect(failing).rejects.toThrow("rolled back");
    await write;
    expect(await outside.counters.get("a")).toBeUndefined();
    expect(await outside.counters.get("b")).toBe(2);
  });

  it("runs two transactions one after the other, so a read-then-write cannot interleave", async () => {
    await gate.transaction<Counters, void>(repos, (tx) => tx.counters.set("n", 0));
    const increment = () =>
      gate.transaction<Counters, void>(repos, async (tx) => {
        const n = (await tx.counters.get("n")) ?? 0;
        await tick();
        await tx.counters.set("n", n + 1);
      });
    await Promise.all(Array.from({ length: 10 }, increment));
    expect(await gate.outside<Counters>(repos).counters.get("n")).toBe(10);
  });

  it("refuses the store's own repositories inside a transaction", async () => {
    const outside = gate.outside<Counters>(repos);
    await expect(
      gate.transaction<Counters, void>(repos, async () => {
        await outside.counters.set("a", 1);
      }),
    ).rejects.toThrow("use the repositories it gives");
  });

  it("refuses a transaction's repositories once it has ended", async () => {
    let leaked: Counters | undefined;
    await gate.transaction<Counters, void>(repos, async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.counters.get("a")).rejects.toThrow("has ended");
  });

  it("treats work a transaction started but that outlives it as outside", async () => {
    let later: Promise<number | undefined> | undefined;
    await gate.transaction<Counters, void>(repos, async (tx) => {
      await tx.counters.set("a", 1);
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
        gate.outside<Counters>(repos).counters.get("a"),
      );
    });
    expect(await later).toBe(1);
  });
});
