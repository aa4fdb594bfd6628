import { afterAll, beforeAll } from "vitest";
import { describePfStoreContract } from "../store.contract.ts";
import { openPfTestDatabase, type PfTestDatabase } from "./test-database.ts";

// The store's one suite, against PostgreSQL: one database for the file, emptied before each test; a second
// instance is another pool on it.
let testDatabase: PfTestDatabase;
beforeAll(async () => {
  testDatabase = await openPfTestDatabase();
});
afterAll(async () => {
  await testDatabase.drop();
});

describePfStoreContract("PostgreSQL", async () => {
  await testDatabase.empty();
  return { store: testDatabase.store, another: () => testDatabase.openAnother(), close: async () => {} };
});
