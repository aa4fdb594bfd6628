/**
 * @module What a service provider needs to join the PF (exported as `@catv/provider-kit`): PF assertion
 * verification, the provider error catalogue, enrolment by pairwise ID and the PF's enrolment routes, the PF events
 * endpoint, the credentials loader, the server bootstrap, a seeded PRNG. Generic server parts (coded errors,
 * webhooks, logging, SQLite, the outbox worker) come from `@catv/service-kit`.
 */
export * from "./assertion.ts";
export * from "./credentials.ts";
export * from "./enrolment.ts";
export * from "./operator-directory.ts";
export * from "./pf-enrolment-routes.ts";
export * from "./pf-events.ts";
export * from "./pf-verifier-events.ts";
export * from "./prng.ts";
export * from "./provider-errors.ts";
export * from "./server.ts";
export * from "./usage-outbox.ts";
