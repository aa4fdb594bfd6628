import { describe, expect, it } from "vitest";
import { layoutTrend } from "./trend-chart.ts";

const trend = {
  itemCode: "sbp",
  name: "収縮期血圧",
  unit: "mmHg",
  points: [
    { year: 2022, value: 120 },
    { year: 2023, value: 130 },
    { year: 2024, value: 140 },
  ],
  referenceHigh: 129,
};

describe("trend chart layout", () => {
  it("spreads years across the width and keeps every point inside the box", () => {
    const { points } = layoutTrend(trend, { w: 600, h: 300 });
    expect(points.map((p) => p.x)).toEqual([0, 300, 600]);
    for (const p of points) {
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(300);
    }
  });

  it("draws higher values higher on screen", () => {
    const { points } = layoutTrend(trend, { w: 600, h: 300 });
    expect(points[2]!.y).toBeLessThan(points[0]!.y);
  });

  it("marks points above the normal range", () => {
    const { points } = layoutTrend(trend, { w: 600, h: 300 });
    expect(points.map((p) => p.outOfRange)).toEqual([false, true, true]);
  });

  it("gives an empty layout for a trend with no points", () => {
    expect(layoutTrend({ ...trend, points: [], referenceHigh: undefined }, { w: 1, h: 1 }).points).toEqual(
      [],
    );
  });
});
