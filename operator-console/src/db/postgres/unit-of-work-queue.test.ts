import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repositories } from "../../domain/repositories.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";

let database: TestDatabase;
let opened: OpenedConsolePostgres;
let repos: Repositories;
beforeAll(async () => {
  database = await createTestDatabase();
  // A small pool, so that units of work each holding a connection while they wait would empty it.
  opened = await openConsolePostgres(database.url, { maxConnections: 2 });
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

describe("units of work on PostgreSQL", () => {
  it("queue in memory while one runs, leaving pooled connections to the other requests", async () => {
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
