/**
 * @module For tests: the console's PostgreSQL database on the project's test server (`@catv/postgres/testing`),
 * one per test file, migrated once and emptied before each test (TRUNCATE is far quicker than a new database).
 */
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { sql } from "drizzle-orm";
import type { Repositories } from "../../domain/repositories.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";

export interface ConsoleTestDatabase {
  database: TestDatabase;
  opened: OpenedConsolePostgres;
  repos: Repositories;
  /** Empties every table and restarts the IDs, as a new database would be. */
  empty(): Promise<void>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export async function openConsoleTestDatabase(): Promise<ConsoleTestDatabase> {
  const database = await createTestDatabase();
  const opened = await openConsolePostgres(database.url);
  const tables = (
    await opened.pool.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    )
  ).rows.map((row) => `"${row.name}"`);
  return {
    database,
    opened,
    repos: createPgRepositories(opened.db),
    empty: async () => {
      await opened.db.execute(sql.raw(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY`));
    },
    drop: async () => {
      await opened.close();
      await database.drop();
    },
  };
}
