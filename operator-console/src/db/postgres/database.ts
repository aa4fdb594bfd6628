/**
 * @module Opens the console's PostgreSQL database (`@catv/postgres`: a pg pool, drizzle node-postgres, the
 * drizzle-kit migrations in `drizzle/pg/`, whose custom migration gives SQL the invoice-tax rule as
 * `included_tax(total, rate)`, as the SQLite opener registers it), and the one query helper the repositories share.
 */
import { fileURLToPath } from "node:url";
import { type OpenedPostgres, openPostgres } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import type { SQL } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";

/** The database or an open transaction on it: every repository works on either. */
export type PgDb = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export type OpenedConsolePostgres = OpenedPostgres<typeof schema>;

export const pgMigrationsFolder = fileURLToPath(new URL("../../../drizzle/pg", import.meta.url));

/** Opens and migrates the console's database at `url` (two consoles starting at once migrate it once). */
export function openConsolePostgres(
  url: string,
  options: { logger?: Pick<Logger, "warn">; maxConnections?: number } = {},
): Promise<OpenedConsolePostgres> {
  return openPostgres({
    url,
    schema,
    migrationsFolder: pgMigrationsFolder,
    applicationName: "operator-console",
    ...options,
  });
}

/** The rows of a raw query. Column aliases are quoted in the SQL: PostgreSQL folds unquoted names to lower case. */
export async function allRows<T>(db: PgDb, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}
