/**
 * @module PostgreSQL for every service here (Node only): the DATABASE_URL rule, the opener (pg pool, drizzle,
 * drizzle-kit migrations), jobs run by one instance at a time under an advisory lock, and a lost connection as
 * `service_unavailable`. The server for tests is in `@catv/postgres/testing`.
 */
export * from "./advisory-lock.ts";
export * from "./database-url.ts";
export * from "./open-postgres.ts";
export * from "./service-unavailable.ts";
