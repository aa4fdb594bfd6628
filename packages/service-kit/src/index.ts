/**
 * @module What every server of this repository repeats, written once (Node only): Standard Webhooks, coded errors
 * and the Hono error handler, request validation, a replay guard, the retrying outbox worker, the JSON logger and
 * the SQLite opener.
 */
export * from "./coded-error.ts";
export * from "./hono-errors.ts";
export * from "./json-logger.ts";
export * from "./outbox-worker.ts";
export * from "./replay-guard.ts";
export * from "./sqlite.ts";
export * from "./standard-webhooks.ts";
export * from "./validation.ts";
