import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { describeLoginFailuresContract } from "./testing/login-failures.contract.ts";
import {
  openSqliteLoginFailures,
  type SqliteLoginFailures,
} from "./testing/sqlite-login-failures-fixture.ts";

let directory: string;
let instances: SqliteLoginFailures[];
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "login-failures-"));
  const file = join(directory, "staff.sqlite");
  // Two connections to one file, as two processes on one database would have.
  instances = [openSqliteLoginFailures(file), openSqliteLoginFailures(file, false)];
});
afterAll(() => {
  for (const { sqlite } of instances) sqlite.close();
  rmSync(directory, { recursive: true, force: true });
});

describeLoginFailuresContract("SQLite", async () => {
  const [first, second] = instances;
  if (!first || !second) throw new Error("the connections are not open");
  first.sqlite.exec("DELETE FROM login_failures");
  return { failures: first.repository, peer: second.repository };
});
