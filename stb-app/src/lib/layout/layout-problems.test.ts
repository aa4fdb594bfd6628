import { describe, expect, it } from "vitest";
import type { LayoutBox } from "./layout-boxes.ts";
import { findLayoutProblems } from "./layout-problems.ts";

const text = (words: string, x1: number, y1: number, x2: number, y2: number, more: Partial<LayoutBox> = {}) =>
  ({ kind: "text", path: words, text: words, x1, y1, x2, y2, ...more }) as LayoutBox;
const tile = (path: string, x1: number, y1: number, x2: number, y2: number) =>
  ({ kind: "tile", path, x1, y1, x2, y2 }) as LayoutBox;

describe("layout problems", () => {
  it("finds nothing wrong with texts stacked one below the other and a button below them", () => {
    const boxes = [
      text("予約番号：BK-1", 96, 300, 700, 370),
      text("施設", 96, 390, 500, 450),
      tile("OK", 96, 500, 616, 600),
    ];
    expect(findLayoutProblems(boxes)).toEqual([]);
  });

  it("reports a button covering the booking number's line", () => {
    const boxes = [text("予約番号：BK-1", 96, 720, 700, 790), tile("Choices.Tile0", 96, 760, 616, 870)];
    expect(findLayoutProblems(boxes)).toEqual(['"予約番号：BK-1" overlaps Choices.Tile0']);
  });

  it("reports a tile's words that run below it into the next tile", () => {
    const boxes = [
      tile("List.Tile0", 100, 100, 840, 190),
      text("基準内　基準 130未満", 140, 150, 700, 240, { tile: "List.Tile0" }),
      tile("List.Tile1", 100, 202, 840, 292),
    ];
    expect(findLayoutProblems(boxes)).toEqual([
      '"基準内　基準 130未満" spills out of its tile',
      '"基準内　基準 130未満" overlaps List.Tile1',
    ]);
  });

  it("reports a text cut short by its line limit", () => {
    expect(findLayoutProblems([text("Healthcare infor…", 0, 0, 400, 60, { truncated: true })])).toEqual([
      '"Healthcare infor…" is cut short',
    ]);
  });

  it("reports a text that runs off the screen", () => {
    expect(findLayoutProblems([text("長い説明", 1500, 1000, 2100, 1100)])).toEqual([
      '"長い説明" runs off the screen',
    ]);
  });

  it("allows a focused tile's slight scale-up over the gap", () => {
    expect(findLayoutProblems([tile("A", 0, 0, 300, 100), tile("B", 0, 98, 300, 200)])).toEqual([]);
  });
});
