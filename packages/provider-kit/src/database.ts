/**
 * @module Opens a provider's SQLite database: WAL (readers never block the one writer), foreign keys on, a busy
 * timeout so a second process waits instead of failing, and the drizzle-kit migrations applied at start.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

export interface OpenedDatabase<S extends Record<string, unknown>> {
  sqlite: Database.Database;
  db: BetterSQLite3Database<S>;
}

/**
 * @example const { sqlite, db } = openDatabase(":memory:", schema, new URL("../../drizzle", import.meta.url).pathname);
 */
export function openDatabase<S extends Record<string, unknown>>(
  file: string,
  schema: S,
  migrationsFolder: string,
): OpenedDatabase<S> {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}
