/**
 * @module The PF's public contracts — API bodies, events and error codes — as zod schemas, defined once and
 * imported by every package that speaks them (`@catv/contracts`). The TV app imports types only.
 */
export * from "./common.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./operator-api.ts";
export * from "./provider-api.ts";
export * from "./tv-api.ts";
