/**
 * @module Test helpers both providers share (exported as `@catv/provider-kit/testing`): the PF
 * double and requests made as a viewer through it.
 */
export * from "./pf-double.ts";
export * from "./viewer-requests.ts";
