/**
 * @module What both sample providers share (exported as `@catv/provider-kit`): PF assertion
 * and webhook verification, coded errors, enrolment by pairwise ID and the PF's enrolment routes, logging, the
 * SQLite opener, the server bootstrap, a seeded PRNG.
 */
export * from "./app-error.ts";
export * from "./assertion.ts";
export * from "./credentials.ts";
export * from "./database.ts";
export * from "./enrolment.ts";
export * from "./logger.ts";
export * from "./pf-enrolment-routes.ts";
export * from "./pf-event-queries.ts";
export * from "./pf-events.ts";
export * from "./prng.ts";
export * from "./server.ts";
export * from "./validation.ts";
export * from "./webhook.ts";
