/**
 * @module A line chart drawn with Lightning rectangles (no images, works on WebGL and Canvas2D): the normal
 * range as a band, one segment between years, points outside the range in red.
 */
import { Lightning } from "@lightningjs/sdk";
import { layoutTrend } from "../lib/health/trend-chart.ts";
import type { Trend } from "../lib/providers/healthcare-client.ts";
import { loose, type Template } from "./lightning-helpers.ts";
import { color, text } from "./theme.ts";

export class TrendChart extends Lightning.Component {
  _box = { w: 800, h: 280 };

  set box(v: { w: number; h: number }) {
    this._box = v;
  }

  set trend(trend: Trend | null) {
    const list = loose(this).childList;
    list.clear();
    const { w, h } = this._box;
    list.a({ ref: "Frame", w, h, rect: true, color: 0xff0f2440 });
    if (!trend) return;
    // Room above for value labels and below for the years.
    const layout = layoutTrend(trend, { w: w - 120, h: h - 110 });
    const ox = 60;
    const oy = 50;
    if (layout.band) {
      list.a({
        ref: "Band",
        x: ox,
        y: oy + layout.band.y,
        w: w - 120,
        h: layout.band.h,
        rect: true,
        color: 0x5543a047,
      });
    }
    const parts: Template[] = [];
    layout.points.forEach((p, i) => {
      const next = layout.points[i + 1];
      if (next) {
        const dx = next.x - p.x;
        const dy = next.y - p.y;
        parts.push({
          x: ox + p.x,
          y: oy + p.y,
          w: Math.hypot(dx, dy),
          h: 5,
          mountY: 0.5,
          pivotX: 0,
          pivotY: 0.5,
          rotation: Math.atan2(dy, dx),
          rect: true,
          color: color.subtext,
        });
      }
    });
    layout.points.forEach((p) => {
      const dot = p.flagged ? color.error : color.ok;
      parts.push({ x: ox + p.x, y: oy + p.y, w: 22, h: 22, mount: 0.5, rect: true, color: dot });
      parts.push({
        x: ox + p.x,
        y: oy + p.y - 20,
        mountX: 0.5,
        mountY: 1,
        text: text(String(p.value), 28, { color: dot, bold: true }),
      });
      parts.push({
        x: ox + p.x,
        y: h - 8,
        mountX: 0.5,
        mountY: 1,
        text: text(p.label, 26, { color: color.muted }),
      });
    });
    parts.forEach((part, i) => {
      list.a({ ref: `Part${i}`, ...part });
    });
  }
}
