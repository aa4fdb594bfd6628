/**
 * @module For tests: the SQLite staff-login failure windows on a database of their own, as the asynchronous port the
 * rule uses (a system's SQLite gate does the same for its store).
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { createSqliteLoginFailures, loginFailures } from "../login-failures-sqlite.ts";
import type { LoginFailuresRepository } from "../login-throttle.ts";
import { loginFailuresTableSql } from "./login-failures.contract.ts";

export interface SqliteLoginFailures {
  sqlite: Database.Database;
  repository: LoginFailuresRepository;
}

/** `file` is `":memory:"` or a file created with the table; open it again to get a second instance on it. */
export function openSqliteLoginFailures(file = ":memory:", create = true): SqliteLoginFailures {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  if (create) sqlite.exec(loginFailuresTableSql);
  const windows = createSqliteLoginFailures(drizzle({ client: sqlite }), loginFailures);
  return {
    sqlite,
    repository: {
      failures: async (...args) => windows.failures(...args),
      countFailure: async (...args) => windows.countFailure(...args),
      uncountFailure: async (...args) => windows.uncountFailure(...args),
      clear: async (...args) => windows.clear(...args),
      deleteEnded: async (...args) => windows.deleteEnded(...args),
    },
  };
}
