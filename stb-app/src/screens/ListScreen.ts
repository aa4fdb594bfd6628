/**
 * @module A list (or grid) of choices: towns, facilities, my bookings, dates, settings. Long lists scroll so
 * the focused entry always stays inside the safe area.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "list" | "dates" | "settings" }>;

const TOP = CONTENT_TOP + 130;
const BOTTOM = 1080 - SAFE.y - 120;
const MARGIN = 40;

export class ListScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const cols = spec.kind === "dates" ? 7 : spec.kind === "list" ? (spec.cols ?? 1) : 1;
    const tileW = cols === 1 ? 1300 : Math.floor((SAFE.w - 28 * (cols - 1)) / cols);
    const tileH = spec.kind === "dates" ? 150 : 120;
    const gapY = 28;
    const items = spec.choices.map((c) => ({
      label: c.label,
      ...(c.sub ? { sub: c.sub } : {}),
      ...(c.value ? { value: c.value } : {}),
      ...(c.disabled ? { disabled: true } : {}),
      ...(spec.kind === "dates" ? { align: "center" as const } : {}),
      labelSize: spec.kind === "dates" ? 48 : 40,
    }));
    // Clipped so a scrolled list never runs over the title; the margin keeps the focus ring and scale inside.
    this.put("Viewport", {
      x: SAFE.x - MARGIN,
      y: TOP - MARGIN,
      w: SAFE.w + MARGIN * 2,
      h: BOTTOM - TOP + MARGIN * 2,
      clipping: true,
    });
    const viewport = loose(this).tag("Viewport")!;
    loose(viewport).childList.clear();
    loose(viewport).childList.a({
      ref: "Choices",
      x: MARGIN,
      y: MARGIN,
      type: TileGrid,
      config: {
        items,
        cols,
        tileW,
        tileH,
        gapX: 28,
        gapY,
        index: spec.kind === "settings" ? spec.focus : 0,
        onSelect: (i: number) => {
          const choice = spec.choices[i];
          if (choice && !choice.disabled) choice.onSelect();
        },
        onFocusChange: (i: number) => {
          // Keep the focused row on screen: scroll by whole rows once it would pass the bottom.
          const row = Math.floor(i / cols);
          const rowBottom = (row + 1) * (tileH + gapY);
          const offset = Math.max(0, rowBottom - (BOTTOM - TOP));
          loose(viewport)
            .tag("Choices")
            ?.setSmooth("y", MARGIN - offset, { duration: 0.15 });
        },
      },
    });
    this.put("Empty", {
      x: SAFE.x,
      y: TOP,
      visible: spec.choices.length === 0,
      text: text("empty" in spec ? spec.empty : "", 40, { color: color.subtext }),
    });
  }

  override _getFocused() {
    return loose(this).tag("Viewport.Choices") as never;
  }
}
