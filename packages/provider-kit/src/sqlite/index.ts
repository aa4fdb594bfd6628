/**
 * @module The SQLite side every provider shares (exported as `@catv/provider-kit/sqlite`, apart from the kit's
 * index, so a provider's domain code never loads drizzle or better-sqlite3): async repositories and transactions
 * over one connection, and queries over the shared `pf_events` table.
 */
export * from "./operator-directory.ts";
export * from "./pf-event-queries.ts";
export * from "./sqlite-gate.ts";
