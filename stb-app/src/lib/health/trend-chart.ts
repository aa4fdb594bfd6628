/**
 * @module Geometry of the healthcare trend chart: values over the years mapped into a box with headroom, the
 * normal range (parsed from the provider's wording, "130未満", "40以上", "18.5〜24.9") as a band, and each
 * point flagged as the provider judged it. Pure, so the Lightning chart stays thin.
 */
import type { Trend } from "../providers/healthcare-client.ts";

export interface ChartPoint {
  x: number;
  y: number;
  label: string;
  value: number;
  flagged: boolean;
}
export interface ChartLayout {
  points: ChartPoint[];
  band: { y: number; h: number } | null;
}

/** "130未満" → below 130; "40以上" → 40 and above; "18.5〜24.9" → between. Anything else: no band. */
export function parseReference(reference: string): { low?: number; high?: number } {
  const below = reference.match(/^([\d.]+)未満$/);
  if (below) return { high: Number(below[1]) };
  const above = reference.match(/^([\d.]+)以上$/);
  if (above) return { low: Number(above[1]) };
  const range = reference.match(/^([\d.]+)[〜~-]([\d.]+)$/);
  if (range) return { low: Number(range[1]), high: Number(range[2]) };
  return {};
}

export function layoutTrend(trend: Trend, box: { w: number; h: number }): ChartLayout {
  if (trend.points.length === 0) return { points: [], band: null };
  const { low, high } = parseReference(trend.reference);
  const edges = [...trend.points.map((p) => p.value), low, high].filter((v): v is number => v !== undefined);
  let min = Math.min(...edges);
  let max = Math.max(...edges);
  const pad = (max - min || Math.abs(max) || 1) * 0.12;
  min -= pad;
  max += pad;
  const y = (v: number) => box.h - ((v - min) / (max - min)) * box.h;
  const n = trend.points.length;
  const points = trend.points.map((p, i) => ({
    x: n === 1 ? box.w / 2 : (i / (n - 1)) * box.w,
    y: y(p.value),
    label: String(p.fiscalYear),
    value: p.value,
    flagged: p.flag !== "normal",
  }));
  const band =
    low !== undefined || high !== undefined ? { y: y(high ?? max), h: y(low ?? min) - y(high ?? max) } : null;
  return { points, band };
}
