/**
 * @module The households CSV format — how operators move contracts in from (and back out to) their customer systems
 * and Excel. A header row, then one row per member; rows sharing a contract ID form one household. Headers are
 * Japanese (契約者ID, 住所, …), as the console exports them; the snake_case names of earlier exports are read too.
 * UTF-8 (with or without BOM) and Shift_JIS (Windows-31J) are read. Values are taken the way Excel writes them:
 * dates as 1980/5/6 (or 1980-05-06, 1980年5月6日), fees with separators (4,400), full-width digits. Every problem
 * is reported with the CSV row number staff see in Excel (the header is row 1). What an import then does with the
 * households is import-households-csv.ts.
 */
import { isCalendarDate } from "@catv/contracts/calendar";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps } from "./context.ts";
import {
  householdInputSchema,
  maxMembersPerHousehold,
  memberInputSchema,
  type ParsedHousehold,
} from "./manage-households.ts";

/** The columns in export order: the Japanese header staff see, and the snake_case name earlier exports used. */
export const csvColumns = [
  { key: "contract_id", header: "契約者ID", required: true },
  { key: "address", header: "住所", required: true },
  { key: "plan", header: "プラン", required: true },
  { key: "monthly_fee_yen", header: "月額料金", required: true },
  { key: "service_start_date", header: "利用開始日", required: false },
  { key: "member_id", header: "世帯員ID", required: false },
  { key: "member_name", header: "氏名", required: true },
  { key: "birth_date", header: "生年月日", required: true },
  { key: "gender", header: "性別", required: true },
] as const;
type ColumnKey = (typeof csvColumns)[number]["key"];

export type CsvEncoding = "auto" | "utf-8" | "shift_jis";
export interface CsvRowError {
  /** The CSV row number as Excel numbers it: the header is row 1. */
  line: number;
  message: string;
}

/** A member as a CSV row gives it, with the row it came from. */
export interface CsvMember {
  line: number;
  /** 世帯員ID, when the row names an existing member (an exported file does). */
  memberId: string | undefined;
  name: string;
  birthDate: string;
  gender: "1" | "2" | "9";
}
/** A household as the CSV's rows give it; `serviceStartDate` is absent when the rows leave it empty. */
export interface CsvHousehold extends Omit<ParsedHousehold, "members"> {
  /** The household's first row. */
  line: number;
  members: CsvMember[];
}

/** Decodes the upload: UTF-8 when it is valid UTF-8, else Windows-31J (the Shift_JIS Excel writes). */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncoding): string {
  if (encoding === "shift_jis") return iconv.decode(Buffer.from(bytes), "cp932");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (encoding === "utf-8") {
      throw new ConsoleError("csv_invalid", "UTF-8 として読めません。文字コードを確認してください。");
    }
    return iconv.decode(Buffer.from(bytes), "cp932");
  }
}

/**
 * A date as Excel or a person writes it, as `YYYY-MM-DD`: 1980/5/6, 1980-5-6, 1980.5.6, 1980年5月6日, with
 * full-width digits, and a midnight time Excel adds to a date cell (1980/5/6 0:00). Anything else, or a date
 * that does not exist (2026/2/30), is returned unchanged for the schema to refuse with its message.
 */
export function normaliseCsvDate(value: string): string {
  const text = value.normalize("NFKC").trim();
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+0{1,2}:00(?::00)?)?$/u.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u.exec(text);
  if (!m) return text;
  const iso = `${m[1]}-${m[2]?.padStart(2, "0")}-${m[3]?.padStart(2, "0")}`;
  // Month 13 is not a date at all (isCalendarDate would throw on it), 2月30日 not a real one.
  return !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && isCalendarDate(iso) ? iso : text;
}

/** A yen amount as Excel formats it (4,400 / ¥4,400 / 4400円 / full-width) as its digits. */
const normaliseYen = (value: string) => value.normalize("NFKC").replace(/[,¥\\円\s]/gu, "");

/** JIS X 0303 codes, or the words staff write for them. */
const genderWords: Record<string, string> = { 男: "1", 男性: "1", 女: "2", 女性: "2", 適用不能: "9" };
const normaliseGender = (value: string) => {
  const text = value.normalize("NFKC").trim();
  return genderWords[text] ?? text;
};

export function parseHouseholdsCsv(text: string): { households: CsvHousehold[]; errors: CsvRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ConsoleError("csv_invalid", `CSVの形式が正しくありません: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new ConsoleError("csv_invalid", "CSVが空です。");
  const columnOf = (name: string) => csvColumns.find((c) => c.header === name || c.key === name)?.key;
  const columns = header.map((h) => columnOf(h.normalize("NFKC").trim()));
  const missing = csvColumns.filter((c) => c.required && !columns.includes(c.key));
  if (missing.length > 0) {
    throw new ConsoleError(
      "csv_invalid",
      `見出し行に必要な列がありません: ${missing.map((c) => `${c.header}（${c.key}）`).join("、")}`,
    );
  }
  const errors: CsvRowError[] = [];
  const byContract = new Map<string, CsvHousehold>();
  rows.forEach((cells, index) => {
    // Records, not physical lines: a quoted cell with a line break is still one row, as in Excel.
    const line = index + 2;
    const get = (key: ColumnKey) => {
      const at = columns.indexOf(key);
      return at < 0 ? "" : (cells[at] ?? "");
    };
    const household = householdInputSchema.omit({ members: true }).safeParse({
      contractId: get("contract_id").normalize("NFKC"),
      address: get("address"),
      plan: get("plan"),
      monthlyFeeYen: normaliseYen(get("monthly_fee_yen")),
      serviceStartDate: normaliseCsvDate(get("service_start_date")),
    });
    const member = memberInputSchema.safeParse({
      name: get("member_name"),
      birthDate: normaliseCsvDate(get("birth_date")),
      gender: normaliseGender(get("gender")),
    });
    const issues = [...(household.error?.issues ?? []), ...(member.error?.issues ?? [])];
    if (issues.length > 0 || !household.success || !member.success) {
      errors.push({ line, message: issues.map((i) => i.message).join(" / ") });
      return;
    }
    const memberId = get("member_id").normalize("NFKC").trim() || undefined;
    const row: CsvMember = { line, memberId, ...member.data };
    const existing = byContract.get(household.data.contractId);
    if (!existing) {
      byContract.set(household.data.contractId, { ...household.data, line, members: [row] });
      return;
    }
    // A row may leave the 利用開始日 empty when another row of the household gives it.
    const start = household.data.serviceStartDate;
    const differs =
      (["address", "plan", "monthlyFeeYen"] as const).some(
        (field) => existing[field] !== household.data[field],
      ) ||
      (start !== undefined && existing.serviceStartDate !== undefined && start !== existing.serviceStartDate);
    if (differs) {
      errors.push({
        line,
        message: `契約者ID ${existing.contractId} の住所・プラン・月額料金・利用開始日が${existing.line}行目と異なります`,
      });
      return;
    }
    // The form's limit, checked here row by row because the CSV's household is assembled from its rows.
    if (existing.members.length >= maxMembersPerHousehold) {
      errors.push({
        line,
        message: `契約者ID ${existing.contractId} の世帯員が${maxMembersPerHousehold}名を超えています`,
      });
      return;
    }
    existing.serviceStartDate ??= start;
    existing.members.push(row);
  });
  return { households: [...byContract.values()], errors };
}

/** Every household and member of the operator, one row per member, Japanese headers, in the import's format. */
export async function exportHouseholdsCsv(
  deps: Deps,
  actor: Actor,
  encoding: "utf-8" | "shift_jis",
): Promise<Buffer> {
  const rows: string[][] = [];
  for (const h of await deps.repos.households.exportAll(actor.operatorId)) {
    for (const m of h.members) {
      rows.push([
        h.contractId,
        h.address,
        h.plan,
        String(h.monthlyFeeYen),
        h.serviceStartDate,
        m.memberId,
        m.name,
        m.birthDate,
        m.gender,
      ]);
    }
  }
  const text = stringify(rows, {
    header: true,
    columns: csvColumns.map((c) => c.header),
    record_delimiter: "\r\n",
  });
  await audit(deps, actor, "household.export", { detail: `CSV出力 ${rows.length}行 (${encoding})` });
  // The BOM makes Excel open UTF-8 as UTF-8; Shift_JIS is for systems that expect it.
  return encoding === "shift_jis"
    ? iconv.encode(text, "cp932")
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
