import { afterEach } from "vitest";
import { openDatabase } from "./open-database.ts";
import { describeRepositoriesContract } from "./repositories.contract.ts";
import { createRepositories } from "./repositories.ts";

// The repositories' one suite, against SQLite: a fresh in-memory database per test.
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
});

describeRepositoriesContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  opened.push(db.$client);
  return createRepositories(db);
});
