import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import {
  describeLoginFailuresContract,
  loginFailuresTableSql,
} from "@catv/service-kit/testing/login-failures";
import { drizzle } from "drizzle-orm/node-postgres";
import { getTableConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPgFixedWindowCounters,
  createPgLoginFailures,
  fixedWindowCounters,
  loginFailures,
} from "./login-failures.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

let database: TestDatabase;
let pools: pg.Pool[];
let instances: LoginFailuresRepository[];
beforeAll(async () => {
  database = await createTestDatabase();
  // Two pools on one database, as two instances of a system have.
  pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
  await pools[0]?.query(loginFailuresTableSql);
  instances = pools.map((pool) => createPgLoginFailures(drizzle({ client: pool }), loginFailures));
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await database.drop();
});

describeLoginFailuresContract("PostgreSQL", async () => {
  await pools[0]?.query("TRUNCATE login_failures");
  const [failures, peer] = instances;
  if (!failures || !peer) throw new Error("the pools are not open");
  return { failures, peer };
});

describe("fixedWindowCounters (PostgreSQL)", () => {
  it("builds a table of its own name and window index that the one repository counts in", async () => {
    const otherCounters = fixedWindowCounters("other_counters");
    const config = getTableConfig(otherCounters);
    expect(config.name).toBe("other_counters");
    expect(config.indexes.map((i) => i.config.name)).toEqual(["other_counters_window_idx"]);
    const [pool, peerPool] = pools;
    if (!pool || !peerPool) throw new Error("the pools are not open");
    await pool.query(loginFailuresTableSql.replaceAll("login_failures", "other_counters"));
    await pool.query("TRUNCATE login_failures");
    const counters = [pool, peerPool].map((p) =>
      createPgFixedWindowCounters(drizzle({ client: p }), otherCounters),
    );
    const at = "2026-06-01T09:00:00.000Z";
    const endedBefore = "2026-06-01T08:45:00.000Z";
    const counted = await Promise.all(counters.map((c) => c.countFailure("k", at, endedBefore)));
    expect(counted.map((w) => w.failures).sort()).toEqual([1, 2]);
    expect(await instances[0]?.failures("k", endedBefore)).toBe(0);
  });
});
