/**
 * @module A line chart drawn with Lightning rectangles (no images, works on WebGL and Canvas2D): the normal
 * range as a band, one segment between years, points outside the range in red.
 */
import { Lightning } from "@lightningjs/sdk";
import { layoutTrend } from "../lib/health/trend-chart.ts";
import type { Trend } from "../lib/providers/healthcare-client.ts";
import { loose, type Template } from "./lightning-helpers.ts";
import { measureText } from "./measure-text.ts";
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
    // Room above for the value labels and below for the years, as tall as they are drawn at this text size.
    const valueH = measureText(this.stage as never, text("0", 28, { bold: true, tight: true })).h;
    const yearH = measureText(this.stage as never, text("0", 26, { tight: true })).h;
    const ox = 60;
    const oy = valueH + 14;
    const layout = layoutTrend(trend, { w: w - 120, h: Math.max(20, h - oy - yearH - 14) });
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
        y: oy + p.y - 14 - valueH,
        mountX: 0.5,
        text: text(String(p.value), 28, { color: dot, bold: true, tight: true }),
      });
      parts.push({
        x: ox + p.x,
        y: h - yearH - 4,
        mountX: 0.5,
        text: text(p.label, 26, { color: color.muted, tight: true }),
      });
    });
    parts.forEach((part, i) => {
      list.a({ ref: `Part${i}`, ...part });
    });
  }
}
