/**
 * @module Measures a text before it is drawn, with Lightning's own text renderer (the one that will draw it: same
 * font, size, wrapping, Japanese tokenizer and `maxLines`), so a layout places what follows a text below its
 * last line at every text size — instead of at a fixed y that a longer translation or 特大 text runs past.
 * Synchronous: the renderer lays text out on a scratch canvas with the fonts the page already has.
 */
import { TextTexture, TextTextureRenderer } from "@lightningjs/core";
import type { Template } from "./lightning-helpers.ts";

export interface TextBox {
  /** Width of the longest line, in design pixels. */
  w: number;
  /** Height of the lines drawn (lines × line height), in design pixels: where the next thing may start. */
  h: number;
  lines: number;
  lineHeight: number;
  /** True when `maxLines` cut the text short (it ends with the suffix). */
  truncated: boolean;
}

interface RenderInfo {
  lines: { info?: { text: string }; text?: string }[];
  lineWidths: number[];
  lineHeight: number;
  precision: number;
  moreTextLines: boolean;
}
type Stage = ConstructorParameters<typeof TextTexture>[0];

let scratch: HTMLCanvasElement | null = null;
const cache = new Map<string, TextBox>();
const CACHE_LIMIT = 400;

/** The box `template` (a `text()` template of theme.ts) takes when drawn. */
export function measureText(stage: Stage, template: Template): TextBox {
  const key = JSON.stringify(template);
  const known = cache.get(key);
  if (known) return known;
  const texture = new TextTexture(stage) as unknown as Record<string, unknown> & {
    cloneArgs(): Record<string, unknown>;
  };
  for (const [name, value] of Object.entries(template)) texture[name] = value;
  scratch ??= document.createElement("canvas");
  const renderer = new TextTextureRenderer(stage, scratch, texture.cloneArgs() as never) as unknown as {
    _calculateRenderInfo(): RenderInfo;
  };
  const info = renderer._calculateRenderInfo();
  const lineHeight = info.lineHeight / info.precision;
  // Lightning reports lines left over only from hard line breaks; a line cut by `maxLines` ends with the suffix.
  const suffix = typeof template.maxLinesSuffix === "string" ? template.maxLinesSuffix : "";
  const text = String(template.text ?? "");
  const last = info.lines.at(-1);
  const lastText = last?.info?.text ?? last?.text ?? "";
  const box: TextBox = {
    w: Math.ceil(Math.max(0, ...info.lineWidths) / info.precision),
    h: Math.ceil(info.lines.length * lineHeight),
    lines: info.lines.length,
    lineHeight,
    truncated: info.moreTextLines || (suffix !== "" && lastText.endsWith(suffix) && !text.endsWith(suffix)),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, box);
  return box;
}

/** Forget what was measured: a font that arrived later (the kanji set) draws the same text at another width. */
export function forgetMeasurements(): void {
  cache.clear();
}
