/**
 * @module A short cut for Lightning's word wrapping when a text fits on one line. Lightning wraps by asking the
 * tokenizer for words (for Japanese: `Intl.Segmenter`, whose first use loads ICU's dictionary) and measuring
 * every word on its own. Most texts on a TV screen fit their box, and for those any tokenization gives the
 * same single line: one measurement of the whole line gives it without segmenting. Texts that do not fit, or
 * that hold a line break, still go through Lightning's wrapping and our Japanese tokenizer. On the portal
 * at 6× CPU throttling this took the first frame's text layout from ~0.7 s to ~0.1 s (README "Performance").
 */

/** What the short cut reads of Lightning's `TextTextureRenderer` (core 2.20: `_context` and `_settings`). */
export interface WrappingRenderer {
  _context: { measureText(text: string): { width: number } };
  _settings: { letterSpacing?: number | null; textIndent?: number | null };
}

/** Lightning's `ILinesInfo`: the lines drawn (`l`) and the text left over (`r`). */
export interface LinesInfo {
  l: { text: string; width: number }[];
  r?: string[];
}

type WrapText = (this: WrappingRenderer, text: string, wordWrapWidth: number) => LinesInfo;

const LINE_BREAK = /\r|\n/;

/**
 * The single line `text` makes when it fits `wordWrapWidth`, measured as Lightning measures a line
 * (letter spacing added per character, the indent counted in the width); `null` when it must be wrapped.
 */
export function oneLine(renderer: WrappingRenderer, text: string, wordWrapWidth: number): LinesInfo | null {
  if (LINE_BREAK.test(text)) return null;
  const spacing = renderer._settings.letterSpacing ?? 0;
  const indent = renderer._settings.textIndent ?? 0;
  const width =
    indent + renderer._context.measureText(text).width + (spacing > 0 ? text.length * spacing : 0);
  return width <= wordWrapWidth ? { l: [{ text, width }], r: [] } : null;
}

/**
 * Puts the short cut in front of `wrapText` on Lightning's text renderer prototype (pass
 * `TextTextureRenderer.prototype`). A Lightning without that method is left as it is: text still wraps.
 */
export function installOneLineWrap(prototype: { wrapText?: unknown }): void {
  const wrap = prototype.wrapText;
  if (typeof wrap !== "function") return;
  const lightningWrap = wrap as WrapText;
  prototype.wrapText = function wrapText(this: WrappingRenderer, text: string, wordWrapWidth: number) {
    return oneLine(this, text, wordWrapWidth) ?? lightningWrap.call(this, text, wordWrapWidth);
  } satisfies WrapText;
}
