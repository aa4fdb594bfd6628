/**
 * @module Normalises Japanese addresses and names so that the 4情報 from a signature certificate can be compared with
 * what the operator typed into its customer system years ago: width (NFKC), spaces, hyphen look-alikes, kanji
 * numerals, and the 丁目/番地/番/号/の forms all collapse to one canonical "N-N-N" shape. Cable IDs typed into a
 * search box are normalised here too.
 */

const prefecturePattern = /^(東京都|北海道|(?:京都|大阪)府|[^\s都道府県]{2,3}県)/u;
// Characters that people (and old systems) use for the hyphen in 1-2-3; ー only counts between digits.
const hyphenLike = /[‐‑‒–—―−﹣ー]/gu;
const kanjiDigits: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "二十三" → 23, "百五" → 105, "三〇五" → 305 (positional when there is no 十/百). */
export function kanjiNumeralToNumber(text: string): number {
  if (!/[十百千]/u.test(text)) {
    return Number([...text].map((c) => kanjiDigits[c] ?? 0).join(""));
  }
  let total = 0;
  let digit = 0;
  for (const c of text) {
    const unit = c === "千" ? 1000 : c === "百" ? 100 : c === "十" ? 10 : 0;
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = kanjiDigits[c] ?? 0;
    }
  }
  return total + digit;
}

/**
 * Canonical form of an address for equality tests: no prefecture (certificates carry it, contracts often do not),
 * no 大字/字, numbers as ASCII digits joined by "-".
 *
 * @example normaliseAddress("富山県南砺市福野　三丁目２番地５号") === normaliseAddress("南砺市福野3-2-5") // true
 */
export function normaliseAddress(address: string): string {
  let s = address.normalize("NFKC").replace(/\s+/gu, "");
  s = s.replace(prefecturePattern, "");
  s = s.replace(/大字|(?<=[市町村区])字/gu, "");
  s = s.replace(/[〇一二三四五六七八九十百千]+(?=丁目|番地|番|号|の[0-9〇一二三四五六七八九])/gu, (m) =>
    String(kanjiNumeralToNumber(m)),
  );
  s = s
    .replace(/(?<=[0-9])[-‐‑‒–—―−﹣ー](?=[0-9])/gu, "-")
    .replace(hyphenLike, (m) => (m === "ー" ? m : "-"));
  s = s.replace(/([0-9]+)(?:丁目|番地|番|の)(?=[0-9])/gu, "$1-");
  s = s.replace(/([0-9]+)(?:丁目|番地|番|号)/gu, "$1");
  return s.replace(/-+/gu, "-").replace(/-$/u, "");
}

/**
 * What of a search text can be part of a cable ID (`XXXX-XXXX-XXXX-XXXX`, digits and capitals): staff type it in
 * lower case, full width, with or without hyphens or spaces. Compared with cable IDs without their hyphens.
 * Under four characters there is nothing to search for (a name has none), so the result is empty.
 *
 * @example cableIdSearchKey("ｅｅｅｅ-0002") === "EEEE0002"
 */
export function cableIdSearchKey(text: string): string {
  const key = text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−ー]/gu, "");
  return /^[0-9A-Z]{4,16}$/u.test(key) ? key : "";
}

/** Canonical form of a person's name: width-normalised, without any spaces between family and given name. */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/gu, "");
}

const wildcard = "\u0000";

/**
 * Whether a certificate name and a register name are the same person's name. Characters the certificate flags as
 * substitutes (代替文字: a 外字 J-LIS could not encode, like 髙 printed as 高 or a placeholder) match any one
 * character, since the operator's register may hold the standard form.
 */
export function namesAgree(
  certificateName: string,
  alternativeFlags: string | undefined,
  registerName: string,
): boolean {
  const masked = [...certificateName]
    .map((ch, i) => (alternativeFlags?.[i] === "1" ? wildcard : ch))
    .join("");
  const a = [...normaliseName(masked)];
  const b = [...normaliseName(registerName)];
  return a.length === b.length && a.every((ch, i) => ch === wildcard || ch === b[i]);
}
