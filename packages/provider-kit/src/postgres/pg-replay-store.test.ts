import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { usedAssertionsPg } from "../pg-schema.ts";
import { pgReplayStore } from "./pg-replay-store.ts";

const schema = { usedAssertionsPg };
let database: TestDatabase;
let pools: pg.Pool[];
beforeAll(async () => {
  database = await createTestDatabase();
  pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
  await pools[0]!.query("CREATE TABLE used_assertions (jti text PRIMARY KEY, expires_at_ms bigint NOT NULL)");
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await database.drop();
});
beforeEach(() => pools[0]!.query("TRUNCATE used_assertions"));

const instance = (i: number) => pgReplayStore(drizzle({ client: pools[i]!, schema }));
const NOW = 1_800_000_000_000;

describe("the PF-assertion replay guard on PostgreSQL", () => {
  it("accepts an assertion ID once and refuses it at another instance until it expires", async () => {
    expect(await instance(0).remember("jti-1", NOW + 60_000, NOW)).toBe(true);
    expect(await instance(1).remember("jti-1", NOW + 60_000, NOW + 1)).toBe(false);
    expect(await instance(0).remember("jti-1", NOW + 60_000, NOW + 2)).toBe(false);
  });

  it("takes an expired ID again", async () => {
    expect(await instance(0).remember("jti-1", NOW + 60_000, NOW)).toBe(true);
    expect(await instance(1).remember("jti-1", NOW + 200_000, NOW + 60_001)).toBe(true);
  });

  it("accepts one of many uses of one ID at once across two instances", async () => {
    const stores = [instance(0), instance(1)];
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stores[i % 2]!.remember("jti-race", NOW + 60_000, NOW)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it("deletes expired IDs as it goes", async () => {
    await instance(0).remember("jti-old", NOW + 1_000, NOW);
    await instance(1).remember("jti-new", NOW + 600_000, NOW + 120_000);
    const { rows } = await pools[0]!.query<{ jti: string }>("SELECT jti FROM used_assertions ORDER BY jti");
    expect(rows.map((r) => r.jti)).toEqual(["jti-new"]);
  });
});
