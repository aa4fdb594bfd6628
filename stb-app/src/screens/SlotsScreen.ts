/**
 * @module The week's slot grid: days down, the facility's slots across. Free slots are bright; booked, closed
 * and out-of-window ones are dimmed but still focusable, so the viewer can read the whole week. The day column is
 * as wide as its longest date; when the rows need more height than the screen has (大, 特大), the grid scrolls
 * with the focus, the dates with it.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { moveGridFocus } from "../lib/booking/booking-flow.ts";
import { BaseScreen, BODY_BOTTOM } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "slots" }>;
const GAP = 20;
const GAP_Y = 12;
/** Room beside the tiles for the focus ring and scale-up; less above and below, where the labels and hints are. */
const MARGIN = 30;
const MARGIN_Y = 16;

export class SlotsScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const { grid } = spec;
    const cols = grid.cols.length;
    const legend = text(spec.legend, 32, { color: color.subtext, wrapWidth: SAFE.w, maxLines: 2 });
    this.put("Legend", { x: SAFE.x, y: this.bodyTop - 12, text: legend });
    const rowLabels = spec.rowLabels.map((row) =>
      text(row.text, 32, { color: row.dimmed ? color.muted : color.text }),
    );
    const labelW = Math.max(0, ...rowLabels.map((label) => this.measure(label).w)) + 28;
    const tileW = Math.min(300, Math.floor((SAFE.w - labelW - GAP * (cols - 1)) / Math.max(cols, 1)));
    const colLabels = spec.colLabels.map((label) => text(label, 30, { color: color.subtext }));
    const colsTop = this.bodyTop - 12 + this.measure(legend).h + 16;
    const colsH = Math.max(0, ...colLabels.map((label) => this.measure(label).h));
    this.put("Cols", {
      x: SAFE.x + labelW,
      y: colsTop,
      children: colLabels.map((label, i) => ({ x: i * (tileW + GAP) + tileW / 2, mountX: 0.5, text: label })),
    });
    const top = colsTop + colsH + MARGIN_Y + 4;
    this.put("Viewport", {
      x: SAFE.x - MARGIN,
      y: top - MARGIN_Y,
      w: SAFE.w + MARGIN * 2,
      h: BODY_BOTTOM - top + MARGIN_Y * 2,
      clipping: true,
    });
    const viewport = loose(this).tag("Viewport")!;
    loose(viewport).childList.clear();
    const content = loose(viewport).childList.a({ ref: "Content", x: MARGIN, y: MARGIN_Y });
    const gridElement = loose(content).childList.a({
      ref: "Grid",
      x: labelW,
      type: TileGrid,
      config: {
        items: spec.cells.map((cell) => ({
          label: cell.label,
          ...(cell.sub ? { sub: cell.sub } : {}),
          disabled: cell.disabled,
          align: "center" as const,
          labelSize: 30,
          subSize: 30,
        })),
        cols,
        tileW,
        tileH: 78,
        gapX: GAP,
        gapY: GAP_Y,
        index: spec.focus ?? 0,
        navigate: (index: number, dir: "up" | "down" | "left" | "right") => {
          const next = moveGridFocus(grid, { row: Math.floor(index / cols), col: index % cols }, dir);
          return next.row * cols + next.col;
        },
        onFocusChange: (i: number) => {
          spec.onFocus?.(i);
          this.#scrollTo(i, true);
        },
        onSelect: (index: number) => spec.onPick(Math.floor(index / cols), index % cols),
      },
    }) as unknown as TileGrid;
    loose(content).childList.a({
      ref: "Rows",
      children: rowLabels.map((label, i) => {
        const { top: rowTop, bottom } = gridElement.rowBounds(i * cols);
        return { y: Math.round((rowTop + bottom - this.measure(label).h) / 2), text: label };
      }),
    });
    this.#scrollTo(gridElement.index, false);
  }

  /** Keeps the focused row inside the viewport. */
  #scrollTo(index: number, smooth: boolean): void {
    const content = loose(this).tag("Viewport.Content");
    const grid = loose(this).tag("Viewport.Content.Grid") as unknown as TileGrid | undefined;
    if (!content || !grid) return;
    const viewportH = (loose(this).tag("Viewport") as unknown as { h: number }).h - MARGIN_Y * 2;
    const { bottom } = grid.rowBounds(index);
    const offset = Math.max(0, bottom - viewportH);
    if (smooth) content.setSmooth("y", MARGIN_Y - offset, { duration: 0.15 });
    else loose(content).patch({ y: MARGIN_Y - offset });
  }

  override _getFocused() {
    return loose(this).tag("Viewport.Content.Grid") as never;
  }
}
