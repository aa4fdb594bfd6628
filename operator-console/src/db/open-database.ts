/**
 * @module Opens the console's SQLite database and applies the drizzle-kit migrations shipped in `drizzle/`.
 */
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Opens (creating if needed) and migrates the database; `":memory:"` for tests. */
export function openDatabase(path: string): Db {
  const client = new Database(path);
  // WAL lets the dashboard read while a webhook writes; NORMAL sync is durable in WAL mode across app crashes.
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("foreign_keys = ON");
  client.pragma("busy_timeout = 5000");
  // The monthly close touches every household and usage record of a month in one transaction; a 64 MiB page cache
  // and in-memory temp B-trees keep its index maintenance off the disk.
  client.pragma("cache_size = -65536");
  client.pragma("temp_store = MEMORY");
  const db = drizzle({ client, schema }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}
