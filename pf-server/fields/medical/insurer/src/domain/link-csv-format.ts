/**
 * @module The CSV files of bulk linking (参考１－１ メモ: the 2015 demonstration moved the intake and the 被保険者番号
 * ↔ 共通的PFID pairs between systems by CSV): what a spreadsheet or the 国保 system writes and reads. Japanese headers
 * (English ones accepted), UTF-8 with or without BOM or Shift_JIS (Windows-31J, as Excel saves "CSV"), detected;
 * dates as Excel shows them (1980/5/6), ISO, 19800506, 1980年5月6日 or 和暦 (昭和55年5月6日, S55.5.6); numbers whose
 * leading zeros a spreadsheet dropped (枝番 1 → 01, 保険者番号 69997 → 00069997). Exports are UTF-8 with a BOM (so
 * Excel opens them as UTF-8) or Shift_JIS, CRLF, every cell that could start a formula made inert.
 */
import { parseIsoDate } from "@catv/jpki/wareki";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { fail } from "./domain-errors.ts";

export type CsvEncoding = "utf-8" | "shift_jis";

/** At most this many data rows per file: a city's whole intake of a year is far fewer. */
export const MAX_CSV_ROWS = 5_000;

/** Decodes an upload: UTF-8 when it is valid UTF-8 (BOM or not), else Windows-31J. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "cp932"), encoding: "shift_jis" };
  }
}

/** The columns an import reads, by their Japanese and English names (headers are NFKC-normalised first). */
const HEADERS: Record<string, ImportColumn> = {
  共通的PFID: "accountId",
  account_id: "accountId",
  保険者番号: "insurerNumber",
  insurer_number: "insurerNumber",
  記号: "symbol",
  symbol: "symbol",
  番号: "number",
  number: "number",
  枝番: "branchNumber",
  branch_number: "branchNumber",
  氏名: "name",
  name: "name",
  生年月日: "birthDate",
  birth_date: "birthDate",
};
type ImportColumn =
  | "accountId"
  | "insurerNumber"
  | "symbol"
  | "number"
  | "branchNumber"
  | "name"
  | "birthDate";
const REQUIRED: readonly ImportColumn[] = ["accountId", "number", "branchNumber"];
const COLUMN_LABELS: Record<ImportColumn, string> = {
  accountId: "共通的PFID",
  insurerNumber: "保険者番号",
  symbol: "記号",
  number: "番号",
  branchNumber: "枝番",
  name: "氏名",
  birthDate: "生年月日",
};

export interface CsvLinkRow {
  /** The line of the file (the header is line 1). */
  line: number;
  accountId: string;
  insurerNumber?: string;
  symbol: string | null;
  number: string;
  branchNumber: string;
  /** The applicant's name and birth date, when the file has them: a check that the row's 共通的PFID is theirs. */
  name?: string;
  birthDate?: string;
  problems: string[];
}

const ERAS: Record<string, number> = { 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 };
const ERA_LETTERS: Record<string, string> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" };

/** An ISO date of a date as people write it in a spreadsheet, or undefined. */
export function parseSpreadsheetDate(text: string): string | undefined {
  const s = text.normalize("NFKC").trim();
  let y: number;
  let m: number;
  let d: number;
  const western = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/u.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(s);
  const wareki =
    /^(明治|大正|昭和|平成|令和|[MTSHR])(\d{1,2}|元)[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/iu.exec(s);
  if (western) [y, m, d] = [Number(western[1]), Number(western[2]), Number(western[3])];
  else if (compact) [y, m, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
  else if (wareki) {
    const era = ERA_LETTERS[wareki[1]!.toUpperCase()] ?? wareki[1]!;
    y = ERAS[era]! + (wareki[2] === "元" ? 1 : Number(wareki[2]));
    [m, d] = [Number(wareki[3]), Number(wareki[4])];
  } else return undefined;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  try {
    parseIsoDate(iso);
  } catch {
    return undefined;
  }
  return iso;
}

/** How a spreadsheet date reads in an export: 1980/05/06 (Excel reads it as a date, and so does the import). */
export function spreadsheetDate(iso: string): string {
  return iso.replaceAll("-", "/");
}

/** Parses an import file into rows, each with its own problems; a file problem (no header, too long) throws. */
export function parseLinkCsv(text: string): CsvLinkRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw fail("csv_invalid", `CSVの形式が正しくありません（${(error as Error).message.split("\n")[0]}）。`);
  }
  const [header, ...rows] = records;
  if (!header) throw fail("csv_invalid", "CSVが空です。");
  const columns = header.map((h) => HEADERS[h.normalize("NFKC").trim()]);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw fail(
      "csv_invalid",
      `見出し行に必要な列がありません: ${missing.map((c) => COLUMN_LABELS[c]).join("、")}`,
    );
  }
  if (rows.length === 0) throw fail("csv_invalid", "取り込む行がありません。");
  if (rows.length > MAX_CSV_ROWS) {
    throw fail("csv_invalid", `一度に取り込めるのは${MAX_CSV_ROWS.toLocaleString("ja-JP")}行までです。`);
  }
  return rows.map((cells, index) => {
    const get = (column: ImportColumn) => {
      const at = columns.indexOf(column);
      return at < 0 ? "" : (cells[at] ?? "").normalize("NFKC").trim();
    };
    const problems: string[] = [];
    const accountId = get("accountId").toUpperCase();
    const branch = get("branchNumber");
    if (!/^[0-9]{1,2}$/.test(branch)) problems.push("枝番は2桁の数字で入力してください");
    const number = get("number");
    if (!number) problems.push("番号がありません");
    const birth = get("birthDate");
    const birthDate = birth ? parseSpreadsheetDate(birth) : undefined;
    if (birth && !birthDate) problems.push(`生年月日「${birth}」を日付として読めません`);
    const insurerNumber = get("insurerNumber");
    if (insurerNumber && !/^[0-9]{5,8}$/.test(insurerNumber))
      problems.push("保険者番号は数字6桁または8桁です");
    const name = get("name");
    return {
      line: index + 2,
      accountId,
      ...(insurerNumber ? { insurerNumber } : {}),
      symbol: get("symbol") || null,
      number,
      branchNumber: branch.padStart(2, "0"),
      ...(name ? { name } : {}),
      ...(birthDate ? { birthDate } : {}),
      problems,
    };
  });
}

/** A cell a spreadsheet would take for a formula (OWASP CSV injection) is prefixed with an apostrophe. */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/** A CSV file of a header and rows, CRLF, in the encoding asked (UTF-8 with a BOM, or Shift_JIS). */
export function encodeCsv(header: string[], rows: string[][], encoding: CsvEncoding): Buffer {
  const text = stringify([header, ...rows.map((row) => row.map(inertCell))], { record_delimiter: "\r\n" });
  return encoding === "shift_jis"
    ? iconv.encode(text, "cp932")
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
