import { describe, expect, it } from "vitest";
import { birthDateKey, eraOf } from "./wareki.ts";

describe("wareki", () => {
  it("gives the 生年月日 key of kenkaku.md's example (1980-02-17 → 550217)", () => {
    expect(birthDateKey("1980-02-17")).toBe("550217");
  });
  it("starts 平成 on 1989-01-08 and keeps 昭和 64 the day before", () => {
    expect(birthDateKey("1989-01-07")).toBe("640107");
    expect(birthDateKey("1989-01-08")).toBe("010108");
  });
  it("starts 令和 on 2019-05-01", () => {
    expect(eraOf("2019-04-30")?.name).toBe("平成");
    expect(eraOf("2019-05-01")?.digit).toBe(5);
  });
  it("refuses a date that is not on the calendar", () => {
    expect(() => birthDateKey("2023-02-30")).toThrow(/calendar/);
  });
});
