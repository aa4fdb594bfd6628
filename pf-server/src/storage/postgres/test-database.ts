/**
 * @module For tests: the PF's PostgreSQL database on the project's test server (`@catv/postgres/testing`), one
 * per test file, migrated once and emptied before each test (TRUNCATE is far quicker than a new database).
 */
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import type { PfStore } from "../repositories.ts";
import { type OpenedPfPostgres, openPfPostgres } from "./database.ts";
import { createPostgresStore } from "./postgres-store.ts";

export interface PfTestDatabase {
  database: TestDatabase;
  /** The store of the file (do not close it: `drop()` does). */
  store: PfStore;
  /** Another store on the same database with its own pool: a second PF instance. Closed by `drop()`. */
  openAnother(): Promise<PfStore>;
  opened: OpenedPfPostgres;
  /** Empties every table and restarts the sequences, as a new database would be. */
  empty(): Promise<void>;
  /** Closes every pool and drops the database. */
  drop(): Promise<void>;
}

export async function openPfTestDatabase(): Promise<PfTestDatabase> {
  const database = await createTestDatabase();
  const opened = await openPfPostgres(database.url);
  const others: OpenedPfPostgres[] = [];
  const tables = (
    await opened.pool.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    )
  ).rows.map((row) => `"${row.name}"`);
  const store = createPostgresStore(opened);
  return {
    database,
    opened,
    store,
    async openAnother() {
      const other = await openPfPostgres(database.url);
      others.push(other);
      return { ...createPostgresStore(other), close: async () => {} };
    },
    async empty() {
      await opened.pool.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY`);
    },
    async drop() {
      await Promise.all([opened.close(), ...others.splice(0).map((o) => o.close())]);
      await database.drop();
    },
  };
}
