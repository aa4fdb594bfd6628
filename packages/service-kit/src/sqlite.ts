/**
 * @module Opens a service's SQLite database the one way every service here does: WAL (readers never block the
 * one writer), `synchronous = NORMAL` (durable across a crash of the process in WAL mode), foreign keys on, a busy
 * timeout so a second process waits instead of failing, and the drizzle-kit migrations applied at start.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

export interface OpenDatabaseOptions<S extends Record<string, unknown>> {
  /** A file path, or `":memory:"` for a private in-memory database (tests). */
  file: string;
  schema: S;
  /** drizzle-kit's output folder for this database. */
  migrationsFolder: string;
  /** Further pragmas for this database's workload, e.g. `["cache_size = -65536"]`. */
  pragmas?: readonly string[];
  /** A file mode to set on the database file, e.g. `0o600` for one that holds private keys. */
  fileMode?: number;
}

export interface OpenedDatabase<S extends Record<string, unknown>> {
  sqlite: Database.Database;
  db: BetterSQLite3Database<S> & { $client: Database.Database };
  /** True when this open created the database (a caller may seed it then). */
  created: boolean;
  close(): void;
}

/**
 * @example const { db, close } = openDatabase({ file: ":memory:", schema, migrationsFolder });
 */
export function openDatabase<S extends Record<string, unknown>>(
  options: OpenDatabaseOptions<S>,
): OpenedDatabase<S> {
  const inMemory = options.file === ":memory:";
  const created = inMemory || !existsSync(options.file);
  if (!inMemory) mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  if (!inMemory && options.fileMode !== undefined) chmodSync(options.file, options.fileMode);
  for (const pragma of [
    "journal_mode = WAL",
    "synchronous = NORMAL",
    "foreign_keys = ON",
    "busy_timeout = 5000",
    ...(options.pragmas ?? []),
  ]) {
    sqlite.pragma(pragma);
  }
  const db = drizzle({ client: sqlite, schema: options.schema });
  migrate(db, { migrationsFolder: options.migrationsFolder });
  return { sqlite, db, created, close: () => sqlite.close() };
}
