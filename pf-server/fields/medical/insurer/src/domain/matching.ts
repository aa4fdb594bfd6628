/**
 * @module How the insurer compares the verified 4情報 of a registration with what its 被保険者DB holds, years after
 * someone typed it in: widths (NFKC), spaces, the variant characters (異体字) registers and certificates spell
 * differently, 代替文字 (characters J-LIS could not encode, flagged in the certificate: they match any character),
 * kana in hiragana or katakana, and the many ways of writing one address (丁目・番地・号, kanji numerals, hyphens).
 * A match of the normalised forms is what the linking screen calls 一致; anything else is shown as 相違 for staff to
 * judge (参考１－２ ②④) — normalisation never decides a link by itself.
 */
import type { CorrectableField, FourInfo, InsuredPerson } from "./ports.ts";
import { type SexCode, sexCodeOfGender } from "./vocabulary.ts";

/**
 * Variant characters (異体字) people's names are written with in one register and not in another, folded to the
 * common form. Only pairs that are the same character in name registration practice (戸籍統一文字 variants):
 * 齊 (斉) and 齋 (斎) are different characters and are kept apart.
 */
const VARIANTS: Record<string, string> = {
  髙: "高",
  﨑: "崎",
  嵜: "崎",
  邊: "辺",
  邉: "辺",
  齋: "斎",
  澤: "沢",
  濱: "浜",
  廣: "広",
  櫻: "桜",
  國: "国",
  榮: "栄",
  眞: "真",
  惠: "恵",
  德: "徳",
  槇: "槙",
  冨: "富",
  嶋: "島",
  嶌: "島",
  峯: "峰",
  籠: "篭",
  瀨: "瀬",
  曾: "曽",
  萬: "万",
  龜: "亀",
  黑: "黒",
  條: "条",
  淺: "浅",
  藏: "蔵",
  團: "団",
  圓: "円",
  壽: "寿",
  與: "与",
  實: "実",
  彌: "弥",
  堯: "尭",
  兒: "児",
};

const SPACES = /[\s\u3000]+/gu;

function foldVariants(text: string): string {
  let out = "";
  for (const ch of text) out += VARIANTS[ch] ?? ch;
  return out;
}

/** A name as compared: NFKC, no spaces, variant characters folded. "髙橋　美咲" → "高橋美咲". */
export function nameKey(name: string): string {
  return foldVariants(name.normalize("NFKC").replace(SPACES, ""));
}

/** A reading as compared: katakana (hiragana shifted), full width, no spaces. "やまだ たろう" → "ヤマダタロウ". */
export function kanaKey(kana: string): string {
  const wide = kana.normalize("NFKC").replace(SPACES, "");
  let out = "";
  for (const ch of wide) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch;
  }
  return out;
}

const prefecturePattern = /^(東京都|北海道|(?:京都|大阪)府|[^\s都道府県]{2,3}県)/u;
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

/** "二十三" → 23, "百五" → 105, "三〇五" → 305 (positional when there is no 十・百・千). */
export function kanjiNumeral(text: string): number {
  if (!/[十百千]/u.test(text)) return Number([...text].map((c) => kanjiDigits[c] ?? 0).join(""));
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
 * An address as compared: no prefecture (certificates carry it, registers often do not), no 大字・字, ヶ as ケ,
 * numbers as digits joined by "-".
 * @example addressKey("山形県酒田市本町二丁目３番４号") === addressKey("酒田市本町2-3-4") // true
 */
export function addressKey(address: string): string {
  let s = address.normalize("NFKC").replace(SPACES, "");
  s = s.replace(prefecturePattern, "");
  s = s.replace(/大字|(?<=[市町村区])字/gu, "");
  s = s.replace(/[ヶヵが](?=[崎原谷丘岡島沢浜森瀬関窪山])/gu, "ケ");
  s = s.replace(/[〇一二三四五六七八九十百千]+(?=丁目|番地|番|号|の[0-9〇一二三四五六七八九])/gu, (m) =>
    String(kanjiNumeral(m)),
  );
  s = s.replace(/(?<=[0-9])[-‐‑‒–—―−﹣ーｰ](?=[0-9])/gu, "-").replace(/[‐‑‒–—―−﹣]/gu, "-");
  s = s.replace(/([0-9]+)(?:丁目|番地の|番地|番の|番|の)(?=[0-9])/gu, "$1-");
  s = s.replace(/([0-9]+)(?:丁目|番地|番|号)/gu, "$1");
  return s.replace(/-+/gu, "-").replace(/-$/u, "");
}

const WILDCARD = "\u0000";

/**
 * Whether a certificate name and a register name are one name. Characters the certificate flags as 代替文字 match
 * any one character (the register may hold the real 外字, say 髙 where J-LIS printed 高 or a placeholder).
 */
export function namesAgree(
  certificateName: string,
  alternativeFlags: string | undefined,
  registerName: string,
): boolean {
  const masked = [...certificateName.replace(SPACES, "")]
    .map((ch, i) => (flagAt(certificateName, alternativeFlags, i) ? WILDCARD : ch))
    .join("");
  const a = [...nameKey(masked)];
  const b = [...nameKey(registerName)];
  return a.length === b.length && a.every((ch, i) => ch === WILDCARD || ch === b[i]);
}

/**
 * The flag of the i-th non-space character: J-LIS gives one flag per character of the name as written, spaces
 * included, so the flags are walked alongside the name.
 */
function flagAt(name: string, flags: string | undefined, nonSpaceIndex: number): boolean {
  if (!flags) return false;
  let seen = -1;
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    if (/\s|\u3000/u.test(chars[i]!)) continue;
    seen++;
    if (seen === nonSpaceIndex) return flags[i] === "1";
  }
  return false;
}

/** A LIKE pattern of a certificate name over name keys: `_` where the certificate has a 代替文字. */
export function namePattern(certificateName: string, alternativeFlags: string | undefined): string {
  const chars = [...certificateName.replace(SPACES, "")];
  const escaped = chars.map((ch, i) =>
    flagAt(certificateName, alternativeFlags, i) ? "_" : nameKey(ch).replace(/[%_\\]/gu, (m) => `\\${m}`),
  );
  return escaped.join("");
}

export type FieldAgreement = "match" | "differ" | "unknown";

export interface Comparison {
  name: FieldAgreement;
  kana: FieldAgreement;
  birthDate: FieldAgreement;
  address: FieldAgreement;
  sex: FieldAgreement;
}

export interface SearchCriteria {
  name?: string;
  nameAlternativeFlags?: string;
  kana?: string;
  birthDate?: string;
  address?: string;
  sex?: SexCode;
}

/** Each field of the criteria against a person: match, differ, or unknown (the criteria do not say). */
export function compareWithPerson(criteria: SearchCriteria, person: InsuredPerson): Comparison {
  const field = (given: string | undefined, agrees: (value: string) => boolean): FieldAgreement =>
    given === undefined || given === "" ? "unknown" : agrees(given) ? "match" : "differ";
  return {
    name: field(criteria.name, (n) => namesAgree(n, criteria.nameAlternativeFlags, person.name)),
    kana: field(criteria.kana, (k) => kanaKey(k) === kanaKey(person.nameKana)),
    birthDate: field(criteria.birthDate, (d) => d === person.birthDate),
    address: field(criteria.address, (a) => addressKey(a) === addressKey(person.address)),
    sex: field(criteria.sex, (s) => s === person.sex),
  };
}

/** The search criteria a registration's verified 4情報 give (the certificate has no reading). */
export function criteriaOfFourInfo(fourInfo: FourInfo): SearchCriteria {
  return {
    name: fourInfo.name,
    ...(fourInfo.nameAlternativeFlags ? { nameAlternativeFlags: fourInfo.nameAlternativeFlags } : {}),
    birthDate: fourInfo.dateOfBirth,
    address: fourInfo.address,
    sex: sexCodeOfGender(fourInfo.gender),
  };
}

/** How many fields agree: the order of the candidates shown. */
export function agreementScore(comparison: Comparison): number {
  return Object.values(comparison).filter((a) => a === "match").length;
}

/** The record fields that differ from a registration's verified 4情報 (参考１－２ ④: what staff may correct). */
export function applicationDifferences(fourInfo: FourInfo, person: InsuredPerson): CorrectableField[] {
  const comparison = compareWithPerson(criteriaOfFourInfo(fourInfo), person);
  const fields: CorrectableField[] = [];
  if (comparison.name === "differ") fields.push("name");
  if (comparison.birthDate === "differ") fields.push("birthDate");
  if (comparison.address === "differ") fields.push("address");
  if (comparison.sex === "differ") fields.push("sex");
  return fields;
}

/** What a correction writes into the record: the application's value, in the register's codes. */
export function correctedValue(fourInfo: FourInfo, field: CorrectableField): string {
  switch (field) {
    case "name":
      return fourInfo.name;
    case "address":
      return fourInfo.address;
    case "birthDate":
      return fourInfo.dateOfBirth;
    case "sex":
      return sexCodeOfGender(fourInfo.gender);
  }
}

export const correctableFieldLabels: Record<CorrectableField, string> = {
  name: "氏名",
  birthDate: "生年月日",
  address: "住所",
  sex: "性別",
};
