import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repositories } from "../../domain/repositories.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";

let database: TestDatabase;
let opened: OpenedConsolePostgres;
let repos: Repositories;
beforeAll(async () => {
  database = await createTestDatabase();
  // A small pool, so that units of work each holding a connection while they wait would empty it: one for the unit
  // of work that runs, one for the next in line, one for the other requests.
  opened = await openConsolePostgres(database.url, { maxConnections: 3 });
  repos = createPgRepositories(opened.db);
});
afterAll(async () => {
  await opened.close();
  await database.drop();
});

const entry = (action: string) => ({
  operatorId: "op-a",
  at: "2026-06-01T00:00:00.000Z",
  staffLoginId: "tester",
  action,
  householdId: null,
  contractId: null,
  detail: "-",
  requestId: "r",
});

/** Sessions of this database waiting for an advisory lock (the unit-of-work lock is the console's only one). */
async function sessionsWaitingOnTheLock(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (let i = 0; ; i++) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      // The next unit's BEGIN and lock request are on their way when the long one starts: give them a moment.
      if ((rows[0]?.n ?? 0) > 0 || i >= 100) return rows[0]?.n ?? 0;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
}

describe("units of work on PostgreSQL", () => {
  it("queue in memory while one runs, but for the next in line, leaving pooled connections to the other requests", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const long = repos.transaction(async (tx) => {
      await tx.audit.append(entry("long"));
      started();
      await held;
    });
    await running;
    const waiting = [1, 2, 3, 4].map((n) => repos.transaction((tx) => tx.audit.append(entry(`queued ${n}`))));
    try {
      // Answered while the long unit of work still runs: only committed rows, none of the queued ones yet.
      expect(await repos.audit.list("op-a", { limit: 10 })).toEqual([]);
      // Only the next in line waits on the lock with a connection, ready to take it at the long one's COMMIT.
      expect(await sessionsWaitingOnTheLock()).toBe(1);
    } finally {
      release();
    }
    await Promise.all([long, ...waiting]);
    expect((await repos.audit.list("op-a", { limit: 10 })).map((e) => e.action)).toEqual([
      "queued 4",
      "queued 3",
      "queued 2",
      "queued 1",
      "long",
    ]);
  });
});
