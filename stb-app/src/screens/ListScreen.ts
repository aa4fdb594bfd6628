/**
 * @module A list (or grid) of choices: towns, facilities, my bookings, dates, settings. Rows are as tall as
 * their words need; long lists scroll so the focused entry always stays inside the safe area, and the screen
 * opens on the entry the flow chose or the viewer last left.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { BaseScreen, BODY_BOTTOM } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "list" | "dates" | "settings" }>;

/** Room beside the tiles for the focus ring and scale-up; less above and below, where the title and hints are. */
const MARGIN = 40;
const MARGIN_Y = 16;

export class ListScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const cols = spec.kind === "dates" ? 7 : spec.kind === "list" ? (spec.cols ?? 1) : 1;
    const tileW = cols === 1 ? 1300 : Math.floor((SAFE.w - 28 * (cols - 1)) / cols);
    const tileH = spec.kind === "dates" ? 150 : 110;
    const top = this.bodyTop;
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
      y: top - MARGIN_Y,
      w: SAFE.w + MARGIN * 2,
      h: BODY_BOTTOM - top + MARGIN_Y * 2,
      clipping: true,
    });
    const viewport = loose(this).tag("Viewport")!;
    loose(viewport).childList.clear();
    const grid = loose(viewport).childList.a({
      ref: "Choices",
      x: MARGIN,
      y: MARGIN_Y,
      type: TileGrid,
      config: {
        items,
        cols,
        tileW,
        tileH,
        gapX: 28,
        gapY: 24,
        index: spec.focus ?? 0,
        onSelect: (i: number) => {
          const choice = spec.choices[i];
          if (choice && !choice.disabled) choice.onSelect();
        },
        onFocusChange: (i: number) => {
          spec.onFocus?.(i);
          this.#scrollTo(i, true);
        },
      },
    }) as unknown as TileGrid;
    this.put("Empty", {
      x: SAFE.x,
      y: top,
      visible: spec.choices.length === 0,
      text: text("empty" in spec ? spec.empty : "", 40, { color: color.subtext }),
    });
    this.#scrollTo(grid.index, false);
  }

  /** Keeps the focused row inside the viewport: scrolls by as much as its bottom passes the viewport's. */
  #scrollTo(index: number, smooth: boolean): void {
    const grid = loose(this).tag("Viewport.Choices") as unknown as TileGrid | undefined;
    if (!grid) return;
    const { bottom } = grid.rowBounds(index);
    const offset = Math.max(0, bottom - (BODY_BOTTOM - this.bodyTop));
    if (smooth) grid.setSmooth("y", MARGIN_Y - offset, { duration: 0.15 });
    else loose(grid).patch({ y: MARGIN_Y - offset });
  }

  override _getFocused() {
    return loose(this).tag("Viewport.Choices") as never;
  }
}
