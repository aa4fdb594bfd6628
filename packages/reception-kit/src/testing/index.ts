/**
 * @module `@catv/reception-kit/testing`: the reception PF double, a reception terminal's key for Node tests, a test
 * card that answers as a card does, and a qualification to build insurers' answers from.
 */
export * from "./reception-pf-double.ts";
export * from "./test-card.ts";
export * from "./test-qualification.ts";
export * from "./test-terminal.ts";
