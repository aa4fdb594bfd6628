/**
 * @module Test helpers every provider shares (exported as `@catv/provider-kit/testing`): the PF double, requests made
 * as a viewer through it, and the check of an answer against the provider's API contract.
 */
export * from "./contract-check.ts";
export * from "./pf-double.ts";
export * from "./storage-imports.ts";
export * from "./verifier-pf-double.ts";
export * from "./viewer-requests.ts";
