import { describe, expect, it } from "vitest";
import { fuzzDriver, fuzzParsers } from "./fuzz.ts";

describe("fuzzing (bounded; `npm run fuzz` runs longer)", () => {
  it("parses or refuses with a coded error 3000 random and mutated CCID, descriptor, APDU and TLV inputs", () => {
    const report = fuzzParsers(3000, 20261124);
    expect(report.crashes).toEqual([]);
    expect(report.cases).toBe(3000 * 9);
  });

  it("keeps the CCID driver answering with coded errors, never hanging, against a reader that mangles replies", async () => {
    const report = await fuzzDriver(150, 7);
    expect(report.crashes).toEqual([]);
    expect(report.cases).toBe(150);
  }, 30000);
});
