/**
 * @module ヘルスケア情報: the newest notice beside the title, the latest checkup with flags (left; Up/Down picks an
 * item, the list scrolls), that item's trend over the years drawn in Lightning and the monthly average steps
 * against the goal (right). Every block starts below the one above it as measured, and the charts take the height
 * that is left, so 大 and 特大 push nothing into a neighbour.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose, type Template } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { TrendChart } from "../components/TrendChart.ts";
import { color, SAFE, text } from "../components/theme.ts";
import type { Flag, Trend } from "../lib/providers/healthcare-client.ts";
import { BaseScreen, BODY_BOTTOM, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "health" }>;
const flagAccent: Record<Flag, number> = {
  see_doctor: color.red,
  caution: color.yellow,
  normal: color.green,
};
const LEFT_W = 800;
const RIGHT = SAFE.x + LEFT_W + 64;
const RIGHT_W = SAFE.x + SAFE.w - RIGHT;
/** Room beside the tiles for the focus ring and scale-up; less above and below. */
const MARGIN = 30;
const MARGIN_Y = 16;
const BLOCK_GAP = 24;
const NOTICE_W = 760;
const trendTitleText = (title: string) =>
  text(title, 32, { color: color.subtext, wrapWidth: RIGHT_W, maxLines: 2 });

export class HealthScreen extends BaseScreen<Spec> {
  _trends = new Map<string, Trend>();
  _shown = "";
  _chartH = 260;

  override titleText(title: string): Template {
    return text(title, 56, { bold: true, wrapWidth: SAFE.w - NOTICE_W - 60, maxLines: 2 });
  }

  render(spec: Spec): void {
    // The newest notice beside the title, its heading (with the date) on a line of its own so the date never
    // splits; the columns below then have the height down to the key hints.
    const heading = text(spec.notice?.heading ?? "", 30, {
      color: color.warn,
      wrapWidth: NOTICE_W,
      maxLines: 1,
    });
    const noticeText = text(spec.notice?.title ?? spec.noNotices, 34, { wrapWidth: NOTICE_W, maxLines: 2 });
    const headingH = spec.notice ? this.measure(heading).h : 0;
    this.put("Notice", {
      x: SAFE.x + SAFE.w - NOTICE_W,
      y: CONTENT_TOP,
      children: [
        ...(spec.notice ? [{ ref: "Heading", text: heading }] : []),
        { ref: "Title", y: headingH, text: noticeText },
      ],
    });
    const noticeBottom = CONTENT_TOP + headingH + this.measure(noticeText).h;
    const top = Math.max(this.bodyTop - 12, noticeBottom + 24);
    this.#left(spec, top, BODY_BOTTOM);
    this.#right(spec, top, BODY_BOTTOM);
    this.#trendTitle(spec.items[spec.focus ?? 0]?.trendTitle ?? "");
    void this.#showTrend(spec.items[spec.focus ?? 0]?.item);
  }

  /** The checkup date, then the items as a scrolling list down to `bottom`. */
  #left(spec: Spec, top: number, bottom: number): void {
    const checkup = text(spec.checkup, 32, { color: color.subtext, wrapWidth: LEFT_W, maxLines: 2 });
    this.put("Checkup", { x: SAFE.x, y: top, text: checkup });
    const listTop = top + this.measure(checkup).h + MARGIN_Y + 4;
    this.put("Items", {
      x: SAFE.x - MARGIN,
      y: listTop - MARGIN_Y,
      w: LEFT_W + MARGIN * 2,
      h: Math.max(0, bottom - listTop) + MARGIN_Y * 2,
      clipping: true,
    });
    const viewport = loose(this).tag("Items")!;
    loose(viewport).childList.clear();
    loose(viewport).childList.a({
      ref: "List",
      x: MARGIN + 8,
      y: MARGIN_Y,
      type: TileGrid,
      config: {
        items: spec.items.map((item) => ({
          label: item.label,
          sub: item.status,
          value: item.value,
          accent: flagAccent[item.flag],
          labelSize: 34,
          subSize: 30,
        })),
        cols: 1,
        tileW: LEFT_W - 16,
        tileH: 90,
        gapY: 14,
        index: spec.focus ?? 0,
        onFocusChange: (i: number) => {
          spec.onFocus?.(i);
          this.#scrollTo(i, bottom - listTop);
          this.#trendTitle(spec.items[i]?.trendTitle ?? "");
          void this.#showTrend(spec.items[i]?.item);
        },
      },
    });
    this.#scrollTo(spec.focus ?? 0, bottom - listTop);
  }

  #scrollTo(index: number, height: number): void {
    const list = loose(this).tag("Items.List") as unknown as TileGrid | undefined;
    if (!list) return;
    const offset = Math.max(0, list.rowBounds(index).bottom - height);
    list.setSmooth("y", MARGIN_Y - offset, { duration: 0.15 });
  }

  /** The trend (title, chart) and the steps (title, bars) share the column down to `bottom`. */
  #right(spec: Spec, top: number, bottom: number): void {
    // As tall as the longest item's title needs (up to two lines), so the chart does not move with the focus.
    const titleH = Math.max(
      this.measure(trendTitleText("あ")).h,
      ...spec.items.map((item) => this.measure(trendTitleText(item.trendTitle)).h),
    );
    const stepsTitle = text(spec.stepsTitle, 32, { color: color.subtext, wrapWidth: RIGHT_W, maxLines: 1 });
    const stepsTitleH = this.measure(stepsTitle).h;
    const barLabel = (value: string) => text(value, 30, { color: color.text, tight: true });
    const monthLabel = (value: string) => text(value, 30, { color: color.subtext, tight: true });
    const valueH = this.measure(barLabel("0")).h;
    const monthH = this.measure(monthLabel("0")).h;
    // What is left after the four text lines goes to the two charts, three parts trend to two parts steps.
    const room = bottom - top - titleH - stepsTitleH - valueH - monthH - BLOCK_GAP * 2;
    this._chartH = Math.max(120, Math.round(room * 0.62));
    const barsH = Math.max(60, room - this._chartH);
    this.put("TrendTitle", { x: RIGHT, y: top, text: trendTitleText("") });
    this.put("Chart", {
      x: RIGHT,
      y: top + titleH,
      type: TrendChart,
      box: { w: RIGHT_W, h: this._chartH },
      trend: null,
    });
    const stepsTop = top + titleH + this._chartH + BLOCK_GAP;
    this.put("StepsTitle", { x: RIGHT, y: stepsTop, text: stepsTitle });
    const barsTop = stepsTop + stepsTitleH + valueH;
    const n = Math.max(spec.steps.length, 1);
    const slot = Math.floor(RIGHT_W / n);
    const barW = Math.min(110, slot - 30);
    this.put("Steps", {
      x: RIGHT,
      y: barsTop,
      children: [
        // The goal line first, so the bars and their figures are drawn over it.
        {
          x: 0,
          y: barsH - Math.round(spec.goalRatio * barsH),
          w: RIGHT_W,
          h: 3,
          rect: true,
          color: color.focusRing,
        },
        ...spec.steps.flatMap((m, i) => {
          const h = Math.max(4, Math.round(m.ratio * barsH));
          const x = i * slot + slot / 2;
          return [
            {
              x: x - barW / 2,
              y: barsH - h,
              w: barW,
              h,
              rect: true,
              color: m.reached ? color.green : color.blue,
            },
            { x, y: barsH, mountX: 0.5, text: monthLabel(m.month) },
            { x, y: barsH - h - valueH, mountX: 0.5, text: barLabel(m.average) },
          ];
        }),
      ],
    });
  }

  #trendTitle(title: string): void {
    loose(this).patch({ TrendTitle: { text: trendTitleText(title) } });
  }

  async #showTrend(item: string | undefined): Promise<void> {
    if (!item) return;
    this._shown = item;
    let trend = this._trends.get(item);
    if (!trend) {
      try {
        trend = await this._spec.loadTrend(item);
        this._trends.set(item, trend);
      } catch {
        // The chart is secondary: a failed trend leaves the frame empty and the summary usable.
        trend = undefined;
      }
    }
    if (this._shown !== item) return;
    loose(this).patch({ Chart: { trend: trend ?? null } });
  }

  override _getFocused() {
    return loose(this).tag("Items.List") as never;
  }
}
