import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { truncateAllTables } from "@catv/provider-kit/testing/postgres";
import { afterAll, beforeAll } from "vitest";
import { describeHospitalStoreContract } from "../hospital-store.contract.ts";
import { type HospitalPostgres, openHospitalPg } from "./open-hospital-pg.ts";

// One migrated database for the file, emptied before each test, and two pools on it: two instances.
let database: TestDatabase;
let instances: HospitalPostgres[];
beforeAll(async () => {
  database = await createTestDatabase();
  instances = [await openHospitalPg(database.url), await openHospitalPg(database.url)];
});
afterAll(async () => {
  for (const instance of instances) await instance.close();
  await database.drop();
});

describeHospitalStoreContract("PostgreSQL", async () => {
  await truncateAllTables(database);
  return { store: instances[0]!.store, peer: async () => instances[1]!.store, close: async () => {} };
});
