import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";
import { openDatabase } from "./open-database.ts";
import { describeRepositoriesContract } from "./repositories.contract.ts";
import { createRepositories } from "./repositories.ts";

// The repositories' one suite, against SQLite: a fresh in-memory database per test, or a fresh file opened twice
// (two connections, as two console processes on one file would hold) where a test needs two handles.
const opened: { close(): void }[] = [];
const folder = mkdtempSync(join(tmpdir(), "console-contract-"));
let files = 0;
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const open = (file: string) => {
  const db = openDatabase(file);
  opened.push(db.$client);
  return createRepositories(db);
};

describeRepositoriesContract(
  "SQLite",
  async () => open(":memory:"),
  async () => {
    const file = join(folder, `two-handles-${++files}.sqlite`);
    return [open(file), open(file)];
  },
);
