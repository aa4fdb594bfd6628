/**
 * @module Geometry of the healthcare trend chart: values over years mapped into a box, with a little headroom
 * so the line never touches the frame, and the normal range as a band. Pure, so the Lightning chart stays thin.
 */
import type { Trend } from "../providers/healthcare-client.ts";

export interface ChartBox {
  w: number;
  h: number;
}
export interface ChartPoint {
  x: number;
  y: number;
  year: number;
  value: number;
  outOfRange: boolean;
}
export interface ChartLayout {
  points: ChartPoint[];
  band: { y: number; h: number } | null;
  min: number;
  max: number;
}

export function layoutTrend(trend: Trend, box: ChartBox): ChartLayout {
  const values = trend.points.map((p) => p.value);
  const edges = [...values, trend.referenceLow, trend.referenceHigh].filter(
    (v): v is number => v !== undefined,
  );
  let min = Math.min(...edges);
  let max = Math.max(...edges);
  if (!Number.isFinite(min)) return { points: [], band: null, min: 0, max: 0 };
  const pad = (max - min || Math.abs(max) || 1) * 0.1;
  min -= pad;
  max += pad;
  const y = (v: number) => box.h - ((v - min) / (max - min)) * box.h;
  const n = trend.points.length;
  const points = trend.points.map((p, i) => ({
    x: n === 1 ? box.w / 2 : (i / (n - 1)) * box.w,
    y: y(p.value),
    year: p.year,
    value: p.value,
    outOfRange:
      (trend.referenceHigh !== undefined && p.value > trend.referenceHigh) ||
      (trend.referenceLow !== undefined && p.value < trend.referenceLow),
  }));
  const band =
    trend.referenceLow !== undefined || trend.referenceHigh !== undefined
      ? {
          y: y(trend.referenceHigh ?? max),
          h: y(trend.referenceLow ?? min) - y(trend.referenceHigh ?? max),
        }
      : null;
  return { points, band, min, max };
}
