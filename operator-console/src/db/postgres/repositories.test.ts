import { afterAll, beforeAll } from "vitest";
import { describeRepositoriesContract } from "../repositories.contract.ts";
import { type ConsoleTestDatabase, openConsoleTestDatabase } from "./test-database.ts";

// The repositories' one suite, against PostgreSQL: one database for the file, emptied before each test.
let testDatabase: ConsoleTestDatabase;
beforeAll(async () => {
  testDatabase = await openConsoleTestDatabase();
});
afterAll(async () => {
  await testDatabase.drop();
});

describeRepositoriesContract("PostgreSQL", async () => {
  await testDatabase.empty();
  return testDatabase.repos;
});
