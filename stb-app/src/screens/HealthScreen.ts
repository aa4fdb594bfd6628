/**
 * @module ヘルスケア情報: the latest checkup with flags (left; Up/Down picks an item), that item's trend over the
 * years drawn in Lightning, monthly average steps against the goal, and the newest notice.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { TrendChart } from "../components/TrendChart.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import type { Flag, Trend } from "../lib/providers/healthcare-client.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "health" }>;
const flagAccent: Record<Flag, number> = {
  see_doctor: color.red,
  caution: color.yellow,
  normal: color.green,
};
const RIGHT = 900;
const MAX_ITEMS = 6;
const CHART = { w: 920, h: 300 };

export class HealthScreen extends BaseScreen<Spec> {
  _trends = new Map<string, Trend>();
  _shown = "";

  override fixedTitle(): string {
    return t("health.title");
  }

  render(spec: Spec): void {
    const checkup = spec.summary.latestCheckup;
    // Flagged items first: what the viewer should look at is what they see without scrolling.
    const rank: Record<Flag, number> = { see_doctor: 0, caution: 1, normal: 2 };
    const items = [...(checkup?.items ?? [])].sort((a, b) => rank[a.flag] - rank[b.flag]).slice(0, MAX_ITEMS);
    this.put("Checkup", {
      x: SAFE.x,
      y: CONTENT_TOP + 86,
      text: text(checkup ? t("health.checkup", { date: checkup.examDate }) : t("health.noCheckup"), 30, {
        color: color.subtext,
      }),
    });
    this.put("Items", {
      x: SAFE.x + 8,
      y: CONTENT_TOP + 146,
      type: TileGrid,
      config: {
        items: items.map((item) => ({
          label: item.label,
          sub: `${t(`health.flag.${item.flag}`)}　${t("health.reference", { range: item.reference || "—" })}`,
          value: `${item.value} ${item.unit}`,
          accent: flagAccent[item.flag],
          labelSize: 32,
        })),
        cols: 1,
        tileW: 740,
        tileH: 90,
        gapY: 12,
        onFocusChange: (i: number) => void this.#showTrend(items[i]?.item),
      },
    });
    this.put("TrendTitle", { x: RIGHT, y: CONTENT_TOP + 86, text: text("", 30, { color: color.subtext }) });
    this.put("Chart", { x: RIGHT, y: CONTENT_TOP + 136, type: TrendChart, box: CHART, trend: null });
    this.#drawSteps(spec);
    const notice = spec.notices[0];
    this.put("Notice", {
      x: RIGHT,
      y: 900,
      text: text(
        notice
          ? `${t("health.notices")}：${notice.title}（${notice.publishedAt.slice(0, 10)}）`
          : t("health.noNotices"),
        28,
        { color: color.warn, wrapWidth: CHART.w, maxLines: 2 },
      ),
    });
    void this.#showTrend(items[0]?.item);
  }

  #drawSteps(spec: Spec): void {
    const months = spec.steps.months.slice(-6);
    const goal = spec.steps.goalDaily;
    const max = Math.max(goal, ...months.map((m) => m.averageDaily)) * 1.1;
    const barW = 110;
    const gap = 42;
    const barH = 140;
    const goalY = barH - Math.round((goal / max) * barH);
    this.put("StepsTitle", {
      x: RIGHT,
      y: CONTENT_TOP + 462,
      text: text(t("health.steps", { goal: goal.toLocaleString("ja-JP") }), 30, { color: color.subtext }),
    });
    this.put("Steps", {
      x: RIGHT,
      y: CONTENT_TOP + 540,
      children: [
        ...months.flatMap((m, i) => {
          const h = Math.max(4, Math.round((m.averageDaily / max) * barH));
          return [
            {
              x: i * (barW + gap),
              y: barH - h,
              w: barW,
              h,
              rect: true,
              color: m.averageDaily >= goal ? color.green : color.blue,
            },
            {
              x: i * (barW + gap) + barW / 2,
              y: barH + 6,
              mountX: 0.5,
              text: text(m.month.replace(/^\d{4}-0?/, "").concat(t("health.monthSuffix")), 24, {
                color: color.muted,
              }),
            },
            {
              x: i * (barW + gap) + barW / 2,
              y: barH - h - 4,
              mountX: 0.5,
              mountY: 1,
              text: text(m.averageDaily.toLocaleString("ja-JP"), 22),
            },
          ];
        }),
        { x: -10, y: goalY, w: months.length * (barW + gap), h: 3, rect: true, color: color.focusRing },
      ],
    });
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
    loose(this).patch({
      TrendTitle: {
        text: { text: trend ? t("health.trend", { item: trend.label, unit: trend.unit || "—" }) : "" },
      },
      Chart: { trend: trend ?? null },
    });
  }

  override _getFocused() {
    return loose(this).tag("Items") as never;
  }
}
