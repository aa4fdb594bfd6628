/**
 * @module The PostgreSQL side every provider shares (exported as `@catv/provider-kit/postgres`, apart from the
 * kit's index, so a provider's domain code never loads drizzle or node-postgres): repositories and SERIALIZABLE
 * transactions over a pool, and queries over the shared tables.
 */
export * from "./operator-directory.ts";
export * from "./pf-event-queries.ts";
export * from "./pg-replay-store.ts";
export * from "./pg-store.ts";
