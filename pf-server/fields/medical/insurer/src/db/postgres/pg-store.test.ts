import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { truncateAllTables } from "@catv/provider-kit/testing/postgres";
import { afterAll, beforeAll } from "vitest";
import { describeInsurerStoreContract } from "../insurer-store.contract.ts";
import { type InsurerPostgres, openInsurerPg } from "./open-insurer-pg.ts";

// One migrated database for the file, emptied before each test, and two pools on it: two instances.
let database: TestDatabase;
let instances: InsurerPostgres[];
beforeAll(async () => {
  database = await createTestDatabase();
  instances = [await openInsurerPg(database.url), await openInsurerPg(database.url)];
});
afterAll(async () => {
  for (const instance of instances) await instance.close();
  await database.drop();
});

describeInsurerStoreContract("PostgreSQL", async () => {
  await truncateAllTables(database);
  return {
    store: instances[0]!.store,
    replayStore: instances[0]!.replayStore,
    peer: async () => instances[1]!.store,
    close: async () => {},
  };
});
