/**
 * @module The week's slot grid: days down, the facility's slots across. Free slots are bright; booked, closed
 * and out-of-window ones are dimmed but still focusable, so the viewer can read the whole week.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { firstAvailable, moveGridFocus } from "../lib/booking/booking-flow.ts";
import type { SlotStatus } from "../lib/providers/facility-client.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "slots" }>;
const LABEL_W = 330;
const statusKey: Record<SlotStatus, string> = {
  available: "facility.slots.free",
  booked: "facility.slots.taken",
  mine: "facility.slots.mine",
  closed: "facility.slots.closed",
  not_bookable: "facility.slots.notBookable",
};

export class SlotsScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const { grid } = spec;
    const cols = grid.cols.length;
    const gap = 20;
    const tileW = Math.min(300, Math.floor((SAFE.w - LABEL_W - gap * (cols - 1)) / Math.max(cols, 1)));
    const tileH = 78;
    const gapY = 10;
    const top = CONTENT_TOP + 170;
    this.put("Legend", {
      x: SAFE.x,
      y: CONTENT_TOP + 82,
      text: text(t("facility.slots.legend"), 30, { color: color.subtext, wrapWidth: SAFE.w, maxLines: 1 }),
    });
    this.put("Cols", {
      x: SAFE.x + LABEL_W,
      y: top - 50,
      children: grid.cols.map((col, i) => ({
        x: i * (tileW + gap) + tileW / 2,
        mountX: 0.5,
        text: text(col.label, 30, { color: color.subtext }),
      })),
    });
    this.put("Rows", {
      x: SAFE.x,
      y: top,
      children: grid.rows.map((row, i) => ({
        y: i * (tileH + gapY) + tileH / 2,
        mountY: 0.5,
        text: text(spec.dateLabel(row.date), 32, {
          color: row.closedReason ? color.muted : color.text,
          wrapWidth: LABEL_W - 20,
          maxLines: 1,
        }),
      })),
    });
    const start = firstAvailable(grid);
    this.put("Grid", {
      x: SAFE.x + LABEL_W,
      y: top,
      type: TileGrid,
      config: {
        items: grid.cells.flat().map((slot) => ({
          label: slot ? t(statusKey[slot.status]) : "—",
          ...(slot && slot.status === "available"
            ? {
                sub:
                  slot.feeYen > 0
                    ? t("common.yen", { amount: slot.feeYen.toLocaleString("ja-JP") })
                    : t("facility.fee.free"),
              }
            : {}),
          disabled: slot?.status !== "available",
          align: "center" as const,
          labelSize: 28,
          subSize: 24,
        })),
        cols,
        tileW,
        tileH,
        gapX: gap,
        gapY,
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
