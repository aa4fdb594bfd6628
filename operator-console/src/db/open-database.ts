/**
 * @module Opens the console's SQLite database (the opener of `@catv/service-kit`) with the drizzle-kit migrations
 * shipped in `drizzle/`, and gives its SQL the invoice-tax rule of `@catv/contracts` as `included_tax(total, rate)`,
 * so the monthly close computes statements' tax in one set-based UPDATE with the same rule as everything else.
 */
import { fileURLToPath } from "node:url";
import { includedTax } from "@catv/contracts/invoice-tax";
import { openDatabase as openSqlite } from "@catv/service-kit";
import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Opens (creating if needed) and migrates the database; `":memory:"` for tests. */
export function openDatabase(path: string): Db {
  const { db, sqlite } = openSqlite({
    file: path,
    schema,
    migrationsFolder,
    // The monthly close touches every household and usage record of a month in one transaction; a 64 MiB page
    // cache and in-memory temp B-trees keep its index maintenance off the disk.
    pragmas: ["cache_size = -65536", "temp_store = MEMORY"],
  });
  sqlite.function("included_tax", { deterministic: true }, (totalYen, ratePercent) =>
    includedTax(Number(totalYen), Number(ratePercent)),
  );
  return db;
}
