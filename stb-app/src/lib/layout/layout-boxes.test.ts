import { describe, expect, it } from "vitest";
import { type ElementLike, layoutBoxesOf } from "./layout-boxes.ts";

function element(
  ref: string,
  x: number,
  y: number,
  w: number,
  h: number,
  more: Partial<ElementLike> = {},
): ElementLike {
  return {
    ref,
    visible: true,
    alpha: 1,
    getCornerPoints: () => [x, y, x + w, y, x + w, y + h, x, y + h],
    core: { _worldContext: { px: x, py: y, ta: 1, td: 1 } },
    ...more,
  };
}
const measure = (template: Record<string, unknown>) => ({
  w: String(template.text).length * 10,
  h: 50,
  truncated: String(template.text).endsWith("…"),
});

describe("layout boxes", () => {
  it("gives a text the box of its drawn lines and names the tile it is in", () => {
    const label = element("Label", 120, 110, 999, 999, { text: { text: "予約する" } });
    const tile = element("Tile0", 100, 100, 400, 100, {
      _item: { label: "予約する" },
      childList: { _items: [label] },
    });
    const boxes = layoutBoxesOf(
      element("Page", 0, 0, 1920, 1080, { childList: { _items: [tile] } }),
      measure,
    );
    expect(boxes).toEqual([
      { kind: "tile", path: "Page.Tile0", x1: 100, y1: 100, x2: 500, y2: 200 },
      {
        kind: "text",
        path: "Page.Tile0.Label",
        x1: 120,
        y1: 110,
        x2: 160,
        y2: 160,
        text: "予約する",
        truncated: false,
        tile: "Page.Tile0",
      },
    ]);
  });

  it("skips what is hidden and cuts what a clipping viewport shows only in part", () => {
    const hidden = element("Hidden", 0, 0, 10, 10, { visible: false, text: { text: "x" } });
    const below = element("Below", 0, 900, 100, 50, { text: { text: "scrolled away" } });
    const edge = element("Edge", 0, 480, 100, 50, { text: { text: "half" } });
    const viewport = element("Viewport", 0, 0, 1000, 500, {
      clipping: true,
      childList: { _items: [hidden, below, edge] },
    });
    const boxes = layoutBoxesOf(viewport, measure);
    expect(boxes.map((b) => [b.path, b.y2])).toEqual([["Viewport.Edge", 500]]);
  });
});
