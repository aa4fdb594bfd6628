/**
 * @module One focusable tile — menu entries, buttons, keyboard keys, PIN pad keys, dates, slots. Focus shows as a
 * thick yellow ring plus a small scale-up, readable from the sofa; disabled tiles stay focusable but dimmed,
 * so the viewer can still read what is not available. A tile is as tall as its words need at the viewer's text
 * size (`FocusTile.height`), never less than the height its grid asks for: its texts are measured, not assumed.
 */
import { Lightning } from "@lightningjs/sdk";
import { loose, patchOf, type Template } from "./lightning-helpers.ts";
import { measureText } from "./measure-text.ts";
import { color, text } from "./theme.ts";

export interface TileItem {
  label: string;
  sub?: string;
  disabled?: boolean;
  /** Strip of colour at the left edge (operator accent, or a colour key). */
  accent?: number;
  align?: "left" | "center";
  labelSize?: number;
  subSize?: number;
  /** Optional value shown at the right (settings rows). */
  value?: string;
  /**
   * A text scale of its own: keyboard keys keep theirs (a letter on a key is large already, and a keyboard that
   * grew with 特大 would not fit the screen).
   */
  scale?: number;
}

const RING = 8;
/** Space above and below the words inside a tile. */
const PAD_Y = 8;
const GAP = 2;
type Stage = Lightning.Element["stage"];

interface TileLayout {
  label: Template;
  sub: Template | null;
  value: Template | null;
  valueW: number;
  labelH: number;
  subH: number;
  padX: number;
}

function layoutOf(stage: Stage, item: TileItem, w: number): TileLayout {
  const center = item.align === "center";
  const padX = item.accent ? 40 : center ? 12 : 28;
  const scale = item.scale !== undefined ? { scale: item.scale } : {};
  const value = item.value ? text(item.value, 36, { color: color.focusRing, bold: true, ...scale }) : null;
  const valueW = value ? measureText(stage as never, value).w + 32 : 0;
  const textColor = item.disabled ? color.muted : color.text;
  const label = text(item.label, item.labelSize ?? 40, {
    color: textColor,
    bold: true,
    align: center ? "center" : "left",
    wrapWidth: Math.max(40, w - padX * 2 - valueW),
    maxLines: 2,
    ...scale,
  });
  const sub = item.sub
    ? text(item.sub, item.subSize ?? 30, {
        color: item.disabled ? color.muted : color.subtext,
        align: center ? "center" : "left",
        // Beside the value too: the value sits at the right of the whole tile, level with the words.
        wrapWidth: Math.max(40, w - padX * 2 - valueW),
        maxLines: 2,
        ...scale,
      })
    : null;
  return {
    label,
    sub,
    value,
    valueW,
    labelH: measureText(stage as never, label).h,
    subH: sub ? measureText(stage as never, sub).h : 0,
    padX,
  };
}

export class FocusTile extends Lightning.Component {
  _item: TileItem = { label: "" };
  _tileW = 300;
  _tileH = 120;

  /** The height `item` needs at width `w` with the current text size, at least `minH`. */
  static height(stage: Stage, item: TileItem, w: number, minH: number): number {
    const layout = layoutOf(stage, item, w);
    const words = layout.labelH + (layout.sub ? GAP + layout.subH : 0);
    return Math.max(minH, Math.ceil(words + PAD_Y * 2));
  }

  static override _template(): Template {
    return {
      Ring: { x: -RING, y: -RING, rect: true, color: color.focusRing, alpha: 0 },
      Body: { rect: true, color: color.panel },
      Accent: { rect: true, w: 10, color: color.panel, alpha: 0 },
      Label: { y: 0 },
      Sub: { y: 0 },
      Value: { y: 0 },
    } as never;
  }

  set size(v: { w: number; h: number }) {
    this._tileW = v.w;
    this._tileH = v.h;
    this._render();
  }

  set item(v: TileItem) {
    this._item = v;
    this._render();
  }

  get item(): TileItem {
    return this._item;
  }

  get label(): string {
    return this._item.label;
  }

  _render(): void {
    const { _tileW: w, _tileH: h, _item: item } = this;
    const center = item.align === "center";
    const layout = layoutOf(this.stage, item, w);
    // The words as one block, in the middle of the tile.
    const words = layout.labelH + (layout.sub ? GAP + layout.subH : 0);
    const top = Math.round((h - words) / 2);
    const tpl: Template = {
      w,
      h,
      Ring: { w: w + RING * 2, h: h + RING * 2 },
      Body: { w, h, color: item.disabled ? color.disabled : color.panel },
      Accent: { h, color: item.accent ?? color.panel, alpha: item.accent ? 1 : 0 },
      Label: {
        x: center ? w / 2 : layout.padX,
        y: top,
        mountX: center ? 0.5 : 0,
        text: layout.label,
      },
      Sub: {
        visible: !!layout.sub,
        x: center ? w / 2 : layout.padX,
        y: top + layout.labelH + GAP,
        mountX: center ? 0.5 : 0,
        text: layout.sub ?? { text: "" },
      },
      Value: {
        visible: !!layout.value,
        x: w - layout.padX,
        y: Math.round((h - (layout.value ? measureText(this.stage as never, layout.value).h : 0)) / 2),
        mountX: 1,
        text: layout.value ?? { text: "" },
      },
    };
    patchOf(this, tpl);
  }

  override _focus(): void {
    patchOf(this, {
      Ring: { alpha: 1 },
      Body: { color: this._item.disabled ? color.disabled : color.panelFocused },
    });
    this.setSmooth("scale", 1.06, { duration: 0.12 });
    loose(this).patch({ zIndex: 2 });
  }

  override _unfocus(): void {
    patchOf(this, {
      Ring: { alpha: 0 },
      Body: { color: this._item.disabled ? color.disabled : color.panel },
    });
    this.setSmooth("scale", 1, { duration: 0.12 });
    loose(this).patch({ zIndex: 0 });
  }
}
