/**
 * @module Colours, safe area and text styles, all in 1920×1080 design coordinates. Focus must read from three
 * metres: a thick yellow ring plus a slight scale, never colour alone.
 */
import { Language } from "@lightningjs/sdk";
import { segmentJapanese } from "../lib/i18n/japanese-wrap.ts";

export const FONT = "NotoJP";
/** JIS level-1 kanji, loaded just after the first screen (see scripts/subset-font.py). */
export const KANJI_FONT = "NotoJPKanji";
/** Our subsets first; the STB's own CJK font and sans-serif only for characters outside them. */
export const FONT_FACES = [FONT, KANJI_FONT, "Noto Sans CJK JP", "sans-serif"];

export const SAFE = { x: 96, y: 54, w: 1920 - 192, h: 1080 - 108 };

export const color = {
  background: 0xff0b1a2e,
  panel: 0xff15304f,
  panelFocused: 0xff234b7a,
  text: 0xffffffff,
  subtext: 0xffc8d6e5,
  /** Secondary text (footnotes, counts): still ≥ 4.5:1 on a focused tile, ≥ 7:1 on the background. */
  muted: 0xffa9bccf,
  focusRing: 0xffffd400,
  error: 0xffff8a80,
  ok: 0xff8be28b,
  warn: 0xffffc266,
  disabled: 0xff223247,
  red: 0xffe53935,
  green: 0xff43a047,
  yellow: 0xfffdd835,
  blue: 0xff1e88e5,
};

/**
 * The smallest text drawn, in 1080p design pixels (20 px on a 720p box): key hints, status lines and prices are
 * read from the sofa, about 3 m away, so nothing is set smaller however little room a layout has.
 */
export const MIN_TEXT_SIZE = 30;

let scale = 1;
/** The current text scale, for layouts that must make room for bigger text. */
export const textScale = (): number => scale;

/** The viewer's text-size setting; applied to every text made through `text()`. */
export function setTextScale(value: number): void {
  scale = value;
}

/** Line height as a share of the font size: Japanese needs the air (lightning.md §4: the default 1.0 is cramped). */
export const LINE_HEIGHT = 1.45;
/** Line height of figures (chart values, years): digits have no ascenders above the em box to make room for. */
const TIGHT_LINE_HEIGHT = 1.2;

export interface TextOptions {
  color?: number;
  bold?: boolean;
  wrapWidth?: number;
  maxLines?: number;
  align?: "left" | "center" | "right";
  /** The text scale to use instead of the viewer's (a layout fitting a long text steps it down, not below 1). */
  scale?: number;
  /** Figures on a chart: one line of digits needs less air than Japanese text. */
  tight?: boolean;
}

/**
 * A Lightning text template with the bundled font, Japanese-aware wrapping and the viewer's text size; never
 * smaller than `MIN_TEXT_SIZE`.
 */
export function text(value: string, size: number, options: TextOptions = {}) {
  const fontSize = Math.round(Math.max(size, MIN_TEXT_SIZE) * (options.scale ?? scale));
  const lineHeight = Math.round(fontSize * (options.tight ? TIGHT_LINE_HEIGHT : LINE_HEIGHT));
  return {
    text: value,
    fontFace: FONT_FACES,
    fontSize,
    fontStyle: options.bold ? "bold" : "normal",
    lineHeight,
    // The baseline that centres a Japanese em box (0.88 above, 0.12 below it) in each line: a text then takes
    // exactly lines × lineHeight, with its glyphs in the middle, and layouts can stack texts by that height.
    offsetY: Math.round((lineHeight - fontSize) / 2 + fontSize * 0.88),
    textColor: options.color ?? color.text,
    textAlign: options.align ?? "left",
    ...(options.wrapWidth ? { wordWrap: true, wordWrapWidth: options.wrapWidth } : { wordWrap: false }),
    ...(options.maxLines ? { maxLines: options.maxLines, maxLinesSuffix: "…" } : {}),
  };
}

/** Translated string with `{name}` replacements. */
export function t(key: string, values?: Record<string, string | number>): string {
  return values ? Language.translate(key, values) : Language.translate(key);
}

let segmenter: Intl.Segmenter | null = null;
/** For Lightning's custom tokenizer: Japanese word boundaries with kinsoku glue. */
export function japaneseTokens(value: string): string[] {
  segmenter ??= new Intl.Segmenter("ja", { granularity: "word" });
  return segmentJapanese(value, segmenter);
}

export function hexColor(hex: string | undefined, fallback: number): number {
  return hex && /^#[0-9a-fA-F]{6}$/.test(hex) ? 0xff000000 + Number.parseInt(hex.slice(1), 16) : fallback;
}
