/**
 * @module CATVトップ: the operator's portal title and the service menu, three large tiles across. A name too long
 * for one line takes two, and the tiles grow with the text size; the menu starts below the subtitle as measured.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose, type Template } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { BaseScreen, BODY_BOTTOM } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "portal" }>;

export class PortalScreen extends BaseScreen<Spec> {
  override titleText(title: string): Template {
    return text(title, 72, { bold: true, wrapWidth: SAFE.w, maxLines: 1 });
  }

  render(spec: Spec): void {
    const subtitle = text(spec.subtitle, 38, { color: color.subtext, wrapWidth: SAFE.w, maxLines: 2 });
    const subtitleTop = this.bodyTop - 16;
    this.put("Subtitle", { x: SAFE.x, y: subtitleTop, text: subtitle });
    const menuTop = subtitleTop + this.measure(subtitle).h + 48;
    const n = spec.tiles.length;
    const cols = Math.min(n, 3);
    const gap = 32;
    const tileW = Math.floor((SAFE.w - gap * (cols - 1)) / cols);
    const menu = this.put("Menu", {
      x: SAFE.x,
      y: menuTop,
      type: TileGrid,
      config: {
        items: spec.tiles.map((c) => ({ label: c.label, ...(c.sub ? { sub: c.sub } : {}), labelSize: 44 })),
        cols,
        tileW,
        tileH: 170,
        gapX: gap,
        gapY: 32,
        index: spec.focus ?? 0,
        onFocusChange: (i: number) => spec.onFocus?.(i),
        onSelect: (i: number) => spec.tiles[i]?.onSelect(),
      },
    }) as unknown as TileGrid;
    const loading = text(t("portal.loading"), 32, { color: color.muted });
    this.put("Loading", {
      x: SAFE.x,
      y: Math.min(menuTop + menu.height + 32, BODY_BOTTOM - this.measure(loading).h),
      visible: spec.loading,
      text: loading,
    });
  }

  override _getFocused() {
    return loose(this).tag("Menu") as never;
  }
}
