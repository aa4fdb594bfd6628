import { describe, expect, it } from "vitest";
import type { Trend } from "../providers/healthcare-client.ts";
import { layoutTrend, parseReference } from "./trend-chart.ts";

const trend: Trend = {
  sample: "サンプルデータ（架空の健康情報です）",
  item: "systolicBp",
  label: "収縮期血圧",
  unit: "mmHg",
  reference: "130未満",
  points: [
    { fiscalYear: 2022, examDate: "2022-06-01", value: 120, flag: "normal" },
    { fiscalYear: 2023, examDate: "2023-06-01", value: 132, flag: "caution" },
    { fiscalYear: 2024, examDate: "2024-06-01", value: 142, flag: "see_doctor" },
  ],
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

  it("marks the points the provider flagged", () => {
    expect(layoutTrend(trend, { w: 600, h: 300 }).points.map((p) => p.flagged)).toEqual([false, true, true]);
  });

  it("draws the normal range below the upper limit as a band reaching the bottom", () => {
    const { band } = layoutTrend(trend, { w: 600, h: 300 });
    expect(band).not.toBeNull();
    expect(band!.y + band!.h).toBeCloseTo(300);
  });

  it("reads the provider's wording of reference ranges", () => {
    expect(parseReference("130未満")).toEqual({ high: 130 });
    expect(parseReference("40以上")).toEqual({ low: 40 });
    expect(parseReference("18.5〜24.9")).toEqual({ low: 18.5, high: 24.9 });
    expect(parseReference("")).toEqual({});
  });

  it("gives an empty layout for a trend with no points", () => {
    expect(layoutTrend({ ...trend, points: [] }, { w: 1, h: 1 }).points).toEqual([]);
  });
});
