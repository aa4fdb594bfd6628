/**
 * @module The day's slot grid: rooms down, start times across; free slots are bright, taken ones dimmed (×)
 * but still focusable so the viewer can read the whole day.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { firstAvailable, moveGridFocus } from "../lib/booking/booking-flow.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "slots" }>;
const LABEL_W = 280;

export class SlotsScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const { grid } = spec;
    const cols = grid.times.length;
    const gap = 16;
    const tileW = Math.min(170, Math.floor((SAFE.w - LABEL_W - gap * (cols - 1)) / Math.max(cols, 1)));
    const tileH = 96;
    const top = CONTENT_TOP + 200;
    this.put("Legend", {
      x: SAFE.x,
      y: CONTENT_TOP + 90,
      text: text(t("facility.slots.legend"), 32, { color: color.subtext, wrapWidth: SAFE.w }),
    });
    this.put("Times", {
      x: SAFE.x + LABEL_W,
      y: top - 56,
      children: grid.times.map((time, i) => ({
        x: i * (tileW + gap) + tileW / 2,
        mountX: 0.5,
        text: text(time, 30, { color: color.subtext }),
      })),
    });
    this.put("Rooms", {
      x: SAFE.x,
      y: top,
      children: grid.rooms.map((room, i) => ({
        y: i * (tileH + 24) + tileH / 2,
        mountY: 0.5,
        text: text(room, 34, { wrapWidth: LABEL_W - 24, maxLines: 2 }),
      })),
    });
    const start = firstAvailable(grid);
    this.put("Grid", {
      x: SAFE.x + LABEL_W,
      y: top,
      type: TileGrid,
      config: {
        items: grid.cells.flat().map((slot) => ({
          label: slot ? (slot.available ? t("facility.slots.free") : t("facility.slots.taken")) : "—",
          ...(slot?.available
            ? { sub: t("common.yen", { amount: slot.feeYen.toLocaleString("ja-JP") }) }
            : {}),
          disabled: !slot?.available,
          align: "center" as const,
          labelSize: 34,
        })),
        cols,
        tileW,
        tileH,
        gapX: gap,
        gapY: 24,
        index: start.row * cols + start.col,
        navigate: (index: number, dir: "up" | "down" | "left" | "right") => {
          const next = moveGridFocus(grid, { row: Math.floor(index / cols), col: index % cols }, dir);
          return next.row * cols + next.col;
        },
        onSelect: (index: number) => spec.onPick(Math.floor(index / cols), index % cols),
      },
    });
  }

  override _getFocused() {
    return loose(this).tag("Grid") as never;
  }
}
