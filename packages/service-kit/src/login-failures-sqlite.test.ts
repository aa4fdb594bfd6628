import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSqliteFixedWindowCounters,
  createSqliteLoginFailures,
  fixedWindowCounters,
  loginFailures,
} from "./login-failures-sqlite.ts";
import { describeLoginFailuresContract, loginFailuresTableSql } from "./testing/login-failures.contract.ts";
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

describe("fixedWindowCounters (SQLite)", () => {
  it("builds a table of its own name and window index that the one repository counts in", () => {
    const otherCounters = fixedWindowCounters("other_counters");
    const config = getTableConfig(otherCounters);
    expect(config.name).toBe("other_counters");
    expect(config.indexes.map((i) => i.config.name)).toEqual(["other_counters_window_idx"]);
    const sqlite = new Database(":memory:");
    try {
      sqlite.exec(loginFailuresTableSql);
      sqlite.exec(loginFailuresTableSql.replaceAll("login_failures", "other_counters"));
      const db = drizzle({ client: sqlite });
      const counters = createSqliteFixedWindowCounters(db, otherCounters);
      const at = "2026-06-01T09:00:00.000Z";
      counters.countFailure("k", at, "2026-06-01T08:45:00.000Z");
      expect(counters.countFailure("k", at, "2026-06-01T08:45:00.000Z").failures).toBe(2);
      expect(createSqliteLoginFailures(db, loginFailures).failures("k", "2026-06-01T08:45:00.000Z")).toBe(0);
    } finally {
      sqlite.close();
    }
  });
});
