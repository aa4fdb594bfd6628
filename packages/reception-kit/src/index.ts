/**
 * @module `@catv/reception-kit`: what a medical institution's system needs to call the PF's reception API — the
 * routes a reception terminal calls and a client that relays a terminal's call and parses the PF's answer with the
 * contracts. `@catv/reception-kit/testing` has a reception PF double for tests.
 */
export * from "./reception-pf-client.ts";
export * from "./reception-routes.ts";
