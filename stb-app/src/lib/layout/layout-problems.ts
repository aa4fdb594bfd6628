/**
 * @module The layout check every TV screen must pass, at every text size and in both languages: no text cut
 * short by its line limit, nothing off the screen, no text running into another text or into a tile it does not
 * belong to, no text spilling out of its own tile, no two tiles on top of each other. The screenshot script and
 * the journeys run it on what the app reports (`App.layoutBoxes()`).
 */
import type { LayoutBox } from "./layout-boxes.ts";

/** Overlaps up to this many pixels are rounding and the focused tile's slight scale-up, not a layout fault. */
export const TOLERANCE = 3;
const STAGE = { w: 1920, h: 1080 };

const overlap = (a: LayoutBox, b: LayoutBox) =>
  Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > TOLERANCE &&
  Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > TOLERANCE;

const inside = (inner: LayoutBox, outer: LayoutBox) =>
  inner.x1 >= outer.x1 - TOLERANCE &&
  inner.y1 >= outer.y1 - TOLERANCE &&
  inner.x2 <= outer.x2 + TOLERANCE &&
  inner.y2 <= outer.y2 + TOLERANCE;

const name = (box: LayoutBox) => (box.text !== undefined ? `"${box.text}"` : box.path);

/** Each fault in words, naming the texts involved; empty when the screen is laid out right. */
export function findLayoutProblems(boxes: LayoutBox[]): string[] {
  const problems: string[] = [];
  const tiles = new Map(boxes.filter((b) => b.kind === "tile").map((b) => [b.path, b]));
  for (const box of boxes) {
    if (box.truncated) problems.push(`${name(box)} is cut short`);
    if (
      box.x1 < -TOLERANCE ||
      box.y1 < -TOLERANCE ||
      box.x2 > STAGE.w + TOLERANCE ||
      box.y2 > STAGE.h + TOLERANCE
    ) {
      problems.push(`${name(box)} runs off the screen`);
    }
    const own = box.tile ? tiles.get(box.tile) : undefined;
    if (own && !inside(box, own)) problems.push(`${name(box)} spills out of its tile`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (!overlap(a, b)) continue;
      // A tile's own words are inside it by design.
      if (a.kind === "tile" && b.tile === a.path) continue;
      if (b.kind === "tile" && a.tile === b.path) continue;
      problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return problems;
}
