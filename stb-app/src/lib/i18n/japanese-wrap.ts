/**
 * @module Word breaks for Japanese. Lightning's default tokenizer splits only at spaces, so Japanese never
 * wraps; Intl.Segmenter gives dictionary word boundaries. Lightning does not apply kinsoku (行頭禁則), so we
 * glue closing punctuation and small kana to the word before it ourselves.
 */

/**
 * Characters that must not start a line (JIS X 4051 行頭禁則 subset), and the ideographic space that separates
 * two items on one line: at the start of a wrapped line it would only indent it.
 */
const NO_LINE_START =
  /^[、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)\]}.,!?:;%\u3000]/u;
/** Characters that must not end a line (行末禁則). */
const NO_LINE_END = /[（「『【〔〈《([{]$/u;

export function segmentJapanese(text: string, segmenter: Intl.Segmenter): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = out.length - 1;
    if (last >= 0 && (NO_LINE_START.test(segment) || NO_LINE_END.test(out[last] ?? ""))) {
      out[last] += segment;
    } else {
      out.push(segment);
    }
  }
  return out;
}
