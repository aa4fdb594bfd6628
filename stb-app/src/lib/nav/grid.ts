/**
 * @module Focus movement on a grid of `count` tiles laid out `cols` wide (the last row may be short).
 * Stops at the edges: a held arrow on a TV remote repeats, and wrapping would throw focus across the screen.
 */
export type Direction = "up" | "down" | "left" | "right";

export function moveInGrid(count: number, cols: number, index: number, direction: Direction): number {
  if (count <= 0) return 0;
  const row = Math.floor(index / cols);
  const col = index % cols;
  const lastRow = Math.floor((count - 1) / cols);
  if (direction === "left") return col > 0 ? index - 1 : index;
  if (direction === "right") return col < cols - 1 && index + 1 < count ? index + 1 : index;
  if (direction === "up") return row > 0 ? index - cols : index;
  // Down into a short last row lands on its last tile rather than nowhere.
  return row < lastRow ? Math.min(index + cols, count - 1) : index;
}
