/**
 * @module CATVトップ: the operator's portal title and the service menu, one row of large tiles.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "portal" }>;

export class PortalScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    loose(this).patch({ Title: { text: text(spec.title, 72, { bold: true }) } });
    this.put("Subtitle", {
      x: SAFE.x,
      y: CONTENT_TOP + 110,
      text: text(spec.subtitle, 38, { color: color.subtext, wrapWidth: SAFE.w }),
    });
    const n = spec.tiles.length;
    // Three across keeps every Japanese service name on one line at 44px.
    const cols = Math.min(n, 3);
    const gap = 32;
    const tileW = Math.floor((SAFE.w - gap * (cols - 1)) / cols);
    this.put("Menu", {
      x: SAFE.x,
      y: 420,
      type: TileGrid,
      config: {
        items: spec.tiles.map((c) => ({ label: c.label, ...(c.sub ? { sub: c.sub } : {}), labelSize: 44 })),
        cols,
        tileW,
        tileH: 190,
        gapX: gap,
        onSelect: (i: number) => spec.tiles[i]?.onSelect(),
      },
    });
    this.put("Loading", {
      x: SAFE.x,
      y: 880,
      visible: spec.loading,
      text: text(t("portal.loading"), 32, { color: color.muted }),
    });
  }

  override _getFocused() {
    return loose(this).tag("Menu") as never;
  }
}
