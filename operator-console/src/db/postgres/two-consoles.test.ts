import { postgresExclusiveJobs } from "@catv/postgres";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../domain/context.ts";
import { deliverToPf } from "../../domain/deliver-to-pf.ts";
import { createPfClient } from "../../domain/pf-client.ts";
import { PfDouble } from "../../test-support/harness.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";

// Two consoles (two pools, as two processes would have) on one PostgreSQL database, delivering to one PF.
let database: TestDatabase;
let pf: PfDouble;
const consoles: OpenedConsolePostgres[] = [];

function consoleDeps(opened: OpenedConsolePostgres): Deps {
  const jobs = postgresExclusiveJobs(opened.pool);
  return {
    repos: createPgRepositories(opened.db),
    pf: createPfClient(pf.url),
    now: () => new Date("2026-06-15T03:00:00.000Z"),
    log: () => {},
    runExclusive: (name, job) => jobs.run(name, job),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  pf = await new PfDouble().start();
  consoles.push(await openConsolePostgres(database.url), await openConsolePostgres(database.url));
});
afterAll(async () => {
  await Promise.all(consoles.map((opened) => opened.close()));
  await pf.stop();
  await database.drop();
});

describe("two consoles on one PostgreSQL database", () => {
  it("deliver each household-link state to the PF exactly once, in the order it was queued", async () => {
    const [first, second] = consoles.map(consoleDeps);
    if (!first || !second) throw new Error("two consoles expected");
    await first.repos.accounts.upsertOperator({
      id: "op-a",
      name: "CATV A",
      town: "南都町",
      prefecture: "奈良県",
      pfApiKey: "key-a",
      webhookSecret: "whsec_c2VjcmV0",
      invoiceRegistrationNumber: "T1234567890123",
      collectionFeeBasisPoints: 500,
      terminalIds: [],
    });
    const owed = 60;
    for (let n = 0; n < owed; n++) {
      const cableId = `CATV-0000-${String(n % 20).padStart(4, "0")}`;
      await first.repos.pfSync.enqueueLink(
        "op-a",
        cableId,
        n < 20 ? "linked" : n < 40 ? "pending" : "linked",
        "t",
      );
    }
    // Both consoles' timers and kicks firing at once, several times over.
    await Promise.all([deliverToPf(first), deliverToPf(second), deliverToPf(first), deliverToPf(second)]);
    await Promise.all([deliverToPf(second), deliverToPf(first)]);

    const puts = pf.calls.filter((call) => call.method === "PUT");
    expect(puts).toHaveLength(owed);
    expect(await first.repos.pfSync.openLinkCount("op-a")).toBe(0);
    // Each cable ID's states reached the PF in the order they were queued: linked, pending, linked.
    const byCable = new Map<string, string[]>();
    for (const call of puts) {
      const list = byCable.get(call.path) ?? [];
      list.push((call.body as { status: string }).status);
      byCable.set(call.path, list);
    }
    expect(new Set([...byCable.values()].map((states) => states.join(",")))).toEqual(
      new Set(["linked,pending,linked"]),
    );
  });
});
