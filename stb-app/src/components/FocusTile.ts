/**
 * @module One focusable tile — menu entries, buttons, keyboard keys, PIN pad keys, dates, slots. Focus shows as a
 * thick yellow ring plus a small scale-up, readable from the sofa; disabled tiles stay focusable but dimmed,
 * so the viewer can still read what is not available.
 */
import { Lightning } from "@lightningjs/sdk";
import { loose, patchOf, type Template } from "./lightning-helpers.ts";
import { color, text, textScale } from "./theme.ts";

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
}

const RING = 8;

export class FocusTile extends Lightning.Component {
  _item: TileItem = { label: "" };
  _tileW = 300;
  _tileH = 120;

  static override _template(): Template {
    return {
      Ring: { x: -RING, y: -RING, rect: true, color: color.focusRing, alpha: 0 },
      Body: { rect: true, color: color.panel },
      Accent: { rect: true, w: 10, color: color.panel, alpha: 0 },
      Label: { y: 0 },
      Sub: { y: 0 },
      Value: { y: 0, mountX: 1 },
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
    const size = item.labelSize ?? 40;
    const textColor = item.disabled ? color.muted : color.text;
    const pad = item.accent ? 40 : center ? 12 : 28;
    const subSize = item.subSize ?? 28;
    // Lightning puts the line's extra leading below the glyphs, so optical centre sits a little lower.
    const labelY = item.sub ? h / 2 - size * textScale() * 1.05 : h / 2 + size * textScale() * 0.12;
    const tpl: Template = {
      w,
      h,
      Ring: { w: w + RING * 2, h: h + RING * 2 },
      Body: { w, h, color: item.disabled ? color.disabled : color.panel },
      Accent: { h, color: item.accent ?? color.panel, alpha: item.accent ? 1 : 0 },
      Label: {
        x: center ? w / 2 : pad,
        y: labelY,
        mountX: center ? 0.5 : 0,
        mountY: item.sub ? 0 : 0.5,
        text: text(item.label, size, {
          color: textColor,
          bold: true,
          align: center ? "center" : "left",
          wrapWidth: w - pad * 2 - (item.value ? 260 : 0),
          maxLines: item.sub ? 1 : 2,
        }),
      },
      Sub: {
        visible: !!item.sub,
        x: center ? w / 2 : pad,
        y: h / 2 + 4,
        mountX: center ? 0.5 : 0,
        text: text(item.sub ?? "", subSize, {
          color: item.disabled ? color.muted : color.subtext,
          align: center ? "center" : "left",
          wrapWidth: w - pad * 2,
          maxLines: 2,
        }),
      },
      Value: {
        visible: !!item.value,
        x: w - pad,
        y: h / 2,
        mountY: 0.5,
        text: text(item.value ?? "", 36, { color: color.focusRing, bold: true }),
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
