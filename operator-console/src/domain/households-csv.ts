/**
 * @module CSV import and export of household contracts — the way operators move data in from their existing
 * customer systems. Format (documented in the README): a header row, then one row per member; rows sharing a
 * contract ID form one household. UTF-8 (with or without BOM) and Shift_JIS (Windows-31J) are accepted. An import
 * is all-or-nothing: any row error rejects the whole file and every error is reported with its line number.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";
import {
  householdInputSchema,
  maxMembersPerHousehold,
  memberInputSchema,
  type ParsedHousehold,
  withServiceStart,
} from "./manage-households.ts";

export const csvColumns = [
  "contract_id",
  "address",
  "plan",
  "monthly_fee_yen",
  "member_name",
  "birth_date",
  "gender",
] as const;
/** Japanese headers accepted as synonyms, as exported by many existing systems. */
const japaneseHeaders: Record<string, (typeof csvColumns)[number]> = {
  契約者ID: "contract_id",
  住所: "address",
  プラン: "plan",
  月額料金: "monthly_fee_yen",
  氏名: "member_name",
  生年月日: "birth_date",
  性別: "gender",
};

export type CsvEncoding = "auto" | "utf-8" | "shift_jis";
export interface CsvRowError {
  line: number;
  message: string;
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

export function parseHouseholdsCsv(text: string): { households: ParsedHousehold[]; errors: CsvRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ConsoleError("csv_invalid", `CSVの形式が正しくありません: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new ConsoleError("csv_invalid", "CSVが空です。");
  const columns = header.map((h) => japaneseHeaders[h] ?? h);
  const missing = csvColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new ConsoleError("csv_invalid", `ヘッダーに必要な列がありません: ${missing.join(", ")}`);
  }
  const errors: CsvRowError[] = [];
  const byContract = new Map<string, { input: ParsedHousehold; line: number }>();
  rows.forEach((cells, index) => {
    const line = index + 2;
    const get = (c: (typeof csvColumns)[number]) => cells[columns.indexOf(c)] ?? "";
    const household = householdInputSchema.omit({ members: true }).safeParse({
      contractId: get("contract_id"),
      address: get("address"),
      plan: get("plan"),
      monthlyFeeYen: get("monthly_fee_yen"),
    });
    const member = memberInputSchema.safeParse({
      name: get("member_name"),
      birthDate: get("birth_date"),
      gender: get("gender"),
    });
    const issues = [...(household.error?.issues ?? []), ...(member.error?.issues ?? [])];
    if (issues.length > 0 || !household.success || !member.success) {
      errors.push({ line, message: issues.map((i) => i.message).join(" / ") });
      return;
    }
    const existing = byContract.get(household.data.contractId);
    if (!existing) {
      byContract.set(household.data.contractId, {
        input: { ...household.data, members: [member.data] },
        line,
      });
      return;
    }
    const h = existing.input;
    if (
      h.address !== household.data.address ||
      h.plan !== household.data.plan ||
      h.monthlyFeeYen !== household.data.monthlyFeeYen
    ) {
      errors.push({
        line,
        message: `契約者ID ${h.contractId} の住所・プラン・月額料金が${existing.line}行目と異なります`,
      });
      return;
    }
    // The form's limit, checked here row by row because the CSV's household is assembled from its rows.
    if (h.members.length >= maxMembersPerHousehold) {
      errors.push({
        line,
        message: `契約者ID ${h.contractId} の世帯員が${maxMembersPerHousehold}名を超えています`,
      });
      return;
    }
    h.members.push(member.data);
  });
  return { households: [...byContract.values()].map((v) => v.input), errors };
}

export interface ImportResult {
  imported: number;
  members: number;
  errors: CsvRowError[];
}

export async function importHouseholdsCsv(
  deps: Deps,
  actor: Actor,
  bytes: Uint8Array,
  encoding: CsvEncoding,
): Promise<ImportResult> {
  const { households, errors } = parseHouseholdsCsv(decodeCsv(bytes, encoding));
  for (const h of households) {
    if (await deps.repos.households.getByContractId(actor.operatorId, h.contractId)) {
      errors.push({ line: 0, message: `契約者ID ${h.contractId} は既に登録されています` });
    }
  }
  if (errors.length > 0) return { imported: 0, members: 0, errors: errors.sort((a, b) => a.line - b.line) };
  if (households.length === 0) throw new ConsoleError("csv_invalid", "取り込む行がありません。");
  await inTransaction(deps, async (tx) => {
    for (const h of households) {
      await tx.repos.households.create(actor.operatorId, withServiceStart(h, tx.now()));
    }
    await audit(tx, actor, "household.import", { detail: `CSV取込 ${households.length}世帯` });
  });
  const members = households.reduce((n, h) => n + h.members.length, 0);
  return { imported: households.length, members, errors: [] };
}

export async function exportHouseholdsCsv(
  deps: Deps,
  actor: Actor,
  encoding: "utf-8" | "shift_jis",
): Promise<Buffer> {
  const rows: string[][] = [];
  for (const h of await deps.repos.households.exportAll(actor.operatorId)) {
    for (const m of h.members) {
      rows.push([h.contractId, h.address, h.plan, String(h.monthlyFeeYen), m.name, m.birthDate, m.gender]);
    }
  }
  const text = stringify(rows, { header: true, columns: [...csvColumns], record_delimiter: "\r\n" });
  await audit(deps, actor, "household.export", { detail: `CSV出力 ${rows.length}行 (${encoding})` });
  // The BOM makes Excel open UTF-8 as UTF-8; Shift_JIS is for systems that expect it.
  return encoding === "shift_jis"
    ? iconv.encode(text, "cp932")
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
