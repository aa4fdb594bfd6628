import { describe, expect, it } from "vitest";
import { moveInGrid } from "./grid.ts";

describe("grid focus", () => {
  it("moves within a row and stops at its ends", () => {
    expect(moveInGrid(6, 3, 0, "left")).toBe(0);
    expect(moveInGrid(6, 3, 1, "right")).toBe(2);
    expect(moveInGrid(6, 3, 2, "right")).toBe(2);
  });

  it("moves between rows and stops at the top and bottom", () => {
    expect(moveInGrid(6, 3, 1, "down")).toBe(4);
    expect(moveInGrid(6, 3, 4, "down")).toBe(4);
    expect(moveInGrid(6, 3, 1, "up")).toBe(1);
  });

  it("lands on the last tile when moving down into a short last row", () => {
    expect(moveInGrid(5, 3, 2, "down")).toBe(4);
  });

  it("treats a single column as a vertical list", () => {
    expect(moveInGrid(3, 1, 0, "down")).toBe(1);
    expect(moveInGrid(3, 1, 0, "right")).toBe(0);
  });
});
