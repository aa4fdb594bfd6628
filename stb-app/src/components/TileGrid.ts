/**
 * @module A grid of FocusTiles driven by arrows and OK. Focus movement comes from a pure function (grid,
 * PIN pad or keyboard layout), so the rules are unit-tested outside Lightning. An arrow that cannot move
 * returns false, letting the screen move focus to another area. Each row is as tall as its tallest tile needs
 * at the viewer's text size, so a bigger text pushes the rows below down instead of running into them.
 */
import { Lightning } from "@lightningjs/sdk";
import { type Direction, moveInGrid } from "../lib/nav/grid.ts";
import { FocusTile, type TileItem } from "./FocusTile.ts";
import { loose } from "./lightning-helpers.ts";

export interface TileGridConfig {
  items: TileItem[];
  cols: number;
  tileW: number;
  /** The least height of a tile; a row grows when its words need more. */
  tileH: number;
  gapX?: number;
  gapY?: number;
  /** Custom layout rules (keyboard, PIN pad); defaults to a regular grid. */
  navigate?: (index: number, direction: Direction) => number;
  onSelect?: (index: number) => void;
  onFocusChange?: (index: number) => void;
  index?: number;
}

export class TileGrid extends Lightning.Component {
  _config: TileGridConfig = { items: [], cols: 1, tileW: 100, tileH: 100 };
  _focusIndex = 0;
  /** Top of each row and of the end (one more than rows). */
  _rowTops: number[] = [0];

  set config(v: TileGridConfig) {
    this._config = v;
    this._focusIndex = Math.min(v.index ?? 0, Math.max(0, v.items.length - 1));
    const gapX = v.gapX ?? 32;
    const gapY = v.gapY ?? 28;
    const rows = Math.ceil(v.items.length / v.cols);
    const heights = Array.from({ length: rows }, (_, row) =>
      Math.max(
        ...v.items
          .slice(row * v.cols, (row + 1) * v.cols)
          .map((item) => FocusTile.height(this.stage, item, v.tileW, v.tileH)),
      ),
    );
    this._rowTops = [0];
    for (const h of heights) this._rowTops.push(this._rowTops.at(-1)! + h + gapY);
    const list = loose(this).childList;
    list.clear();
    v.items.forEach((item, i) => {
      const row = Math.floor(i / v.cols);
      list.a({
        ref: `Tile${i}`,
        type: FocusTile,
        x: (i % v.cols) * (v.tileW + gapX),
        y: this._rowTops[row],
        size: { w: v.tileW, h: heights[row]! },
        item,
      });
    });
    const width = Math.min(v.cols, v.items.length) * (v.tileW + gapX) - gapX;
    loose(this).patch({ w: Math.max(0, width), h: this.height });
  }

  get index(): number {
    return this._focusIndex;
  }

  /** The grid's height: its rows and the gaps between them. */
  get height(): number {
    const gapY = this._config.gapY ?? 28;
    return Math.max(0, this._rowTops.at(-1)! - (this._rowTops.length > 1 ? gapY : 0));
  }

  /** Where the row of tile `index` starts and ends, for a screen that scrolls to keep it in view. */
  rowBounds(index: number): { top: number; bottom: number } {
    const row = Math.floor(index / this._config.cols);
    const gapY = this._config.gapY ?? 28;
    return { top: this._rowTops[row] ?? 0, bottom: (this._rowTops[row + 1] ?? gapY) - gapY };
  }

  /** Replace one tile's content (a typed digit, a changed setting) without rebuilding the grid. */
  updateItem(index: number, item: TileItem): void {
    const tile = loose(this).children[index] as unknown as FocusTile | undefined;
    if (tile) tile.item = item;
  }

  /** Moves focus to a tile directly (the PIN pad jumps to OK after the fourth digit). */
  focusAt(index: number): void {
    if (index < 0 || index >= this._config.items.length) return;
    this._focusIndex = index;
    this._refocus();
    this._config.onFocusChange?.(index);
  }

  override _getFocused(): Lightning.Component | null {
    return (loose(this).children[this._focusIndex] as unknown as Lightning.Component) ?? null;
  }

  _move(direction: Direction): boolean {
    const { navigate, items, cols } = this._config;
    const next = navigate
      ? navigate(this._focusIndex, direction)
      : moveInGrid(items.length, cols, this._focusIndex, direction);
    if (next === this._focusIndex) return false;
    this._focusIndex = next;
    this._refocus();
    this._config.onFocusChange?.(next);
    return true;
  }

  override _handleLeft() {
    return this._move("left");
  }
  override _handleRight() {
    return this._move("right");
  }
  override _handleUp() {
    return this._move("up");
  }
  override _handleDown() {
    return this._move("down");
  }
  override _handleEnter() {
    if (this._config.items.length === 0) return false;
    this._config.onSelect?.(this._focusIndex);
    return true;
  }
}
