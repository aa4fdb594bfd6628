/**
 * @module For PostgreSQL contract suites: one migrated database per test file, emptied before each test. Emptying
 * every table with one TRUNCATE is a few milliseconds; a fresh database per test (CREATE DATABASE from a template,
 * DROP after) costs far more on a loaded machine, and the suites run on every `npm test`.
 */
import type { TestDatabase } from "@catv/postgres/testing";
import pg from "pg";

/** Empties every table of the database's `public` schema and restarts its identity columns. */
export async function truncateAllTables(database: Pick<TestDatabase, "url">): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    if (rows.length > 0) {
      await client.query(`TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY CASCADE`);
    }
  } finally {
    await client.end();
  }
}
