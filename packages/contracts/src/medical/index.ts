/**
 * @module The medical field's messages (`@catv/contracts/medical`, also re-exported by `@catv/contracts`): the ONS
 * code tables, PF → insurer eligibility (資格確認) and reception terminal ↔ PF.
 */
export * from "./codes.ts";
export * from "./eligibility.ts";
export * from "./reception-api.ts";
