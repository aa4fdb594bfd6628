/**
 * @module What a layout check looks at: every visible text and tile on screen as a box in 1080p coordinates.
 * A text's box is its drawn lines (as measured by Lightning's renderer), not its texture, which carries
 * blank room below; a box inside a clipping viewport (a scrolling list) is cut to what the viewport shows.
 */

/** A text or tile on screen, in 1080p design coordinates (x1,y1 top left; x2,y2 bottom right). */
export interface LayoutBox {
  kind: "text" | "tile";
  /** The element's path of refs from the root ("Page.Screen.Menu.Tile2.Label"). */
  path: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** A text's words. */
  text?: string;
  /** A text cut short by `maxLines` (it ends with "…"). */
  truncated?: boolean;
  /** The path of the tile a text belongs to. */
  tile?: string;
}

/** What is read of a Lightning element (core 2.20). */
export interface ElementLike {
  ref?: string | undefined;
  visible: boolean;
  alpha: number;
  clipping?: boolean;
  text?: ({ text?: string } & Record<string, unknown>) | null;
  childList?: { _items?: ElementLike[] };
  getCornerPoints(): number[];
  /** The world transform: position and scale (`core._worldContext`). */
  core?: { _worldContext?: { px: number; py: number; ta: number; td: number } };
  /** FocusTile's item: an element with one is a tile. */
  _item?: { label?: string };
}

export type MeasureText = (template: Record<string, unknown>) => { w: number; h: number; truncated: boolean };

interface Clip {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The boxes of `root` and everything below it that is visible. */
export function layoutBoxesOf(root: ElementLike, measure: MeasureText): LayoutBox[] {
  const out: LayoutBox[] = [];
  const walk = (el: ElementLike, path: string, clip: Clip | null, tile: string | undefined) => {
    if (!el.visible || el.alpha === 0) return;
    const here = path ? `${path}.${el.ref ?? "?"}` : (el.ref ?? "?");
    const corners = el.getCornerPoints();
    const [x1 = 0, y1 = 0, , , x2 = 0, y2 = 0] = corners;
    let inner = clip;
    if (el.clipping) inner = intersect(clip, { x1, y1, x2, y2 }) ?? { x1: 0, y1: 0, x2: 0, y2: 0 };
    let tilePath = tile;
    if (el._item && typeof el._item.label === "string") {
      pushCut(out, { kind: "tile", path: here, x1, y1, x2, y2 }, clip);
      tilePath = here;
    }
    const words = el.text?.text;
    if (el.text && typeof words === "string" && words.length > 0) {
      const world = el.core?._worldContext;
      const box = measure(templateOf(el.text));
      const sx = world?.ta ?? 1;
      const sy = world?.td ?? 1;
      const ox = world?.px ?? x1;
      const oy = world?.py ?? y1;
      pushCut(
        out,
        {
          kind: "text",
          path: here,
          x1: ox,
          y1: oy,
          x2: ox + box.w * sx,
          y2: oy + box.h * sy,
          text: words,
          truncated: box.truncated,
          ...(tilePath ? { tile: tilePath } : {}),
        },
        clip,
      );
    }
    for (const child of el.childList?._items ?? []) walk(child, here, inner, tilePath);
  };
  walk(root, "", null, undefined);
  return out;
}

/** A text texture's settings as a `text()` template, for the measurer. */
function templateOf(texture: Record<string, unknown>): Record<string, unknown> {
  const clone = (texture as { cloneArgs?: () => Record<string, unknown> }).cloneArgs;
  const args = typeof clone === "function" ? clone.call(texture) : texture;
  const keys = [
    "text",
    "fontFace",
    "fontSize",
    "fontStyle",
    "lineHeight",
    "offsetY",
    "textAlign",
    "wordWrap",
    "wordWrapWidth",
    "maxLines",
    "maxLinesSuffix",
  ];
  const template: Record<string, unknown> = {};
  for (const key of keys) if (args[key] !== undefined && args[key] !== null) template[key] = args[key];
  return template;
}

function intersect(a: Clip | null, b: Clip): Clip | null {
  if (!a) return b;
  const out = {
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
    x2: Math.min(a.x2, b.x2),
    y2: Math.min(a.y2, b.y2),
  };
  return out.x2 > out.x1 && out.y2 > out.y1 ? out : null;
}

/** Keeps the part of `box` a clipping viewport shows; drops a box it hides entirely (a scrolled-away row). */
function pushCut(out: LayoutBox[], box: LayoutBox, clip: Clip | null): void {
  if (!clip) {
    out.push(box);
    return;
  }
  const cut = intersect(clip, box);
  if (cut) out.push({ ...box, ...cut });
}
