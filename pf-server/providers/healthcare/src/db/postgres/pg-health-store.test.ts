import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { truncateAllTables } from "@catv/provider-kit/testing/postgres";
import { afterAll, beforeAll } from "vitest";
import { describeHealthStoreContract } from "../health-store.contract.ts";
import { openHealthcarePg } from "./open-healthcare-pg.ts";
import { pgHealthStore } from "./pg-health-store.ts";

// One migrated database for the file, emptied before each test, and two pools on it: two instances.
let database: TestDatabase;
let pools: Awaited<ReturnType<typeof openHealthcarePg>>[];
beforeAll(async () => {
  database = await createTestDatabase();
  pools = [await openHealthcarePg(database.url), await openHealthcarePg(database.url)];
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.drop();
});

describeHealthStoreContract("PostgreSQL", async () => {
  await truncateAllTables(database);
  return {
    store: pgHealthStore(pools[0]!.db),
    peer: async () => pgHealthStore(pools[1]!.db),
    close: async () => {},
  };
});
