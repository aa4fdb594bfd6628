/**
 * @module The messages between the systems — API bodies, events and error codes — as zod schemas, defined once and
 * imported by every package that speaks them (`@catv/contracts`), and the rules they all apply: the JST calendar
 * and the invoice tax. The TV app imports types only, and the calendar from `@catv/contracts/calendar`.
 */
export * from "./account-id.ts";
export * from "./calendar.ts";
export * from "./common.ts";
export * from "./cross-device-api.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./facility-booking-api.ts";
export * from "./healthcare-api.ts";
export * from "./invoice-tax.ts";
export * from "./jlis-api.ts";
export * from "./medical/index.ts";
export * from "./operator-api.ts";
export * from "./operator-sessions-api.ts";
export * from "./provider-api.ts";
export * from "./tv-api.ts";
export * from "./verifier-api.ts";
