import { afterAll, beforeAll } from "vitest";
import { describeRepositoriesContract } from "../repositories.contract.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";
import { type ConsoleTestDatabase, openConsoleTestDatabase } from "./test-database.ts";

// The repositories' one suite, against PostgreSQL: one database for the file, emptied before each test; a second
// pool on it stands for a second console where a test needs two handles.
let testDatabase: ConsoleTestDatabase;
let secondPool: OpenedConsolePostgres;
beforeAll(async () => {
  testDatabase = await openConsoleTestDatabase();
  secondPool = await openConsolePostgres(testDatabase.database.url);
});
afterAll(async () => {
  await secondPool.close();
  await testDatabase.drop();
});

describeRepositoriesContract(
  "PostgreSQL",
  async () => {
    await testDatabase.empty();
    return testDatabase.repos;
  },
  async () => {
    await testDatabase.empty();
    return [testDatabase.repos, createPgRepositories(secondPool.db)];
  },
);
