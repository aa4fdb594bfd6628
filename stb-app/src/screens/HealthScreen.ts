/**
 * @module ヘルスケア情報: the latest checkup with flags (left; Up/Down picks an item), that item's trend over the
 * years, this week's steps, and the newest notice.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { TrendChart } from "../components/TrendChart.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import type { Trend } from "../lib/providers/healthcare-client.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "health" }>;
const flagAccent = { high: color.red, low: color.blue, normal: color.green };
const RIGHT = 900;
const MAX_ITEMS = 6;

export class HealthScreen extends BaseScreen<Spec> {
  _trends = new Map<string, Trend>();
  _shown = "";

  override fixedTitle(): string {
    return t("health.title");
  }

  render(spec: Spec): void {
    const items = spec.summary.items.slice(0, MAX_ITEMS);
    this.put("Checkup", {
      x: SAFE.x,
      y: CONTENT_TOP + 90,
      text: text(t("health.checkup", { date: spec.summary.checkupDate }), 32, { color: color.subtext }),
    });
    this.put("Items", {
      x: SAFE.x + 8,
      y: CONTENT_TOP + 150,
      type: TileGrid,
      config: {
        items: items.map((item) => ({
          label: item.name,
          sub: t(`health.flag.${item.flag}`),
          value: `${item.value} ${item.unit}`,
          accent: flagAccent[item.flag],
          labelSize: 34,
        })),
        cols: 1,
        tileW: 740,
        tileH: 96,
        gapY: 18,
        onFocusChange: (i: number) => void this.#showTrend(items[i]?.itemCode),
      },
    });
    this.put("TrendTitle", { x: RIGHT, y: CONTENT_TOP + 90, text: text("", 32, { color: color.subtext }) });
    this.put("Chart", {
      x: RIGHT,
      y: CONTENT_TOP + 140,
      type: TrendChart,
      box: { w: 920, h: 330 },
      trend: null,
    });
    this.#drawSteps(spec);
    const notice = spec.notices[0];
    this.put("Notice", {
      x: RIGHT,
      y: 910,
      text: text(
        notice ? `${t("health.notices")}：${notice.title}（${notice.date}）` : t("health.noNotices"),
        30,
        { color: color.warn, wrapWidth: 920, maxLines: 2 },
      ),
    });
    void this.#showTrend(items[0]?.itemCode);
  }

  #drawSteps(spec: Spec): void {
    const days = spec.steps.slice(-7);
    const max = Math.max(1, ...days.map((d) => d.steps));
    const barW = 100;
    const barH = 150;
    this.put("StepsTitle", {
      x: RIGHT,
      y: CONTENT_TOP + 500,
      text: text(t("health.steps"), 32, { color: color.subtext }),
    });
    this.put("Steps", {
      x: RIGHT,
      y: CONTENT_TOP + 550,
      children: days.flatMap((d, i) => {
        const h = Math.max(4, Math.round((d.steps / max) * barH));
        return [
          { x: i * (barW + 30), y: barH - h, w: barW, h, rect: true, color: color.blue },
          {
            x: i * (barW + 30) + barW / 2,
            y: barH + 6,
            mountX: 0.5,
            text: text(`${d.date.slice(5).replace("-", "/")}`, 24, { color: color.muted }),
          },
          {
            x: i * (barW + 30) + barW / 2,
            y: barH - h - 6,
            mountX: 0.5,
            mountY: 1,
            text: text(d.steps.toLocaleString("ja-JP"), 22, { color: color.text }),
          },
        ];
      }),
    });
  }

  async #showTrend(itemCode: string | undefined): Promise<void> {
    if (!itemCode) return;
    this._shown = itemCode;
    let trend = this._trends.get(itemCode);
    if (!trend) {
      try {
        trend = await this._spec.loadTrend(itemCode);
        this._trends.set(itemCode, trend);
      } catch {
        // The chart is secondary: a failed trend leaves the frame empty and the summary usable.
        trend = undefined;
      }
    }
    if (this._shown !== itemCode) return;
    loose(this).patch({
      TrendTitle: { text: { text: trend ? t("health.trend", { item: trend.name, unit: trend.unit }) : "" } },
      Chart: { trend: trend ?? null },
    });
  }

  override _getFocused() {
    return loose(this).tag("Items") as never;
  }
}
