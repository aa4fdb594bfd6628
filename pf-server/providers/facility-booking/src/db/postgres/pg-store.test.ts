import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { truncateAllTables } from "@catv/provider-kit/testing/postgres";
import { afterAll, beforeAll } from "vitest";
import { describeFacilityStoreContract } from "../facility-store.contract.ts";
import { openFacilityPg } from "./open-facility-pg.ts";
import { pgFacilityStore } from "./pg-store.ts";

// One migrated database for the file, emptied before each test, and two pools on it: two instances.
let database: TestDatabase;
let pools: Awaited<ReturnType<typeof openFacilityPg>>[];
beforeAll(async () => {
  database = await createTestDatabase();
  pools = [await openFacilityPg(database.url), await openFacilityPg(database.url)];
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.drop();
});

describeFacilityStoreContract("PostgreSQL", async () => {
  await truncateAllTables(database);
  const another = async () => pgFacilityStore(pools[1]!.db);
  return { store: pgFacilityStore(pools[0]!.db), second: another, peer: another, close: async () => {} };
});
