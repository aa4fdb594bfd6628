/**
 * @module Step one of a bulk link by CSV: the file is read and every row judged against the intake and the
 * 被保険者DB — 紐づけ (will link), 要確認 (the application and the record differ: staff must tick the row, having seen
 * the differences), 登録済 (already linked so: nothing to do) or エラー (with why) — and kept as an import waiting
 * for staff to confirm. Nothing is linked yet; the file itself is not stored.
 */

import { randomUUID } from "node:crypto";
import { isWellFormedAccountId, toEightDigitInsurerNumber } from "@catv/contracts";
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import { decodeCsv, parseLinkCsv } from "./link-csv-format.ts";
import { applicationDifferences, namesAgree } from "./matching.ts";
import type { Actor, CorrectableField, Deps, Repositories } from "./ports.ts";

export type ImportRowStatus = "link" | "confirm" | "unchanged" | "error";

export interface ImportRow {
  line: number;
  accountId: string;
  symbol: string | null;
  number: string;
  branchNumber: string;
  /** The applicant's name and birth date as the file gave them (checked against the registration). */
  name?: string;
  birthDate?: string;
  status: ImportRowStatus;
  messages: string[];
  personId?: string;
  differences?: CorrectableField[];
  /** After the import was applied: what happened to the row. */
  outcome?: "linked" | "skipped";
  outcomeMessage?: string;
}

export async function previewLinkImport(
  deps: Deps,
  actor: Actor,
  bytes: Uint8Array,
): Promise<{ importId: string; rows: ImportRow[] }> {
  const insurer = await deps.store.insurers.get(actor.insurerId);
  if (!insurer) throw fail("not_found");
  const { text, encoding } = decodeCsv(bytes);
  const parsed = parseLinkCsv(text);
  const seenAccounts = new Map<string, number>();
  const seenPersons = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const row of parsed) {
    const messages = [...row.problems];
    const base = {
      line: row.line,
      accountId: row.accountId,
      symbol: row.symbol,
      number: row.number,
      branchNumber: row.branchNumber,
      ...(row.name ? { name: row.name } : {}),
      ...(row.birthDate ? { birthDate: row.birthDate } : {}),
    };
    if (!isWellFormedAccountId(row.accountId)) {
      messages.push("共通的PFIDの形式または検査文字が正しくありません（入力誤りの可能性）");
    }
    if (
      row.insurerNumber &&
      toEightDigitInsurerNumber(row.insurerNumber.padStart(row.insurerNumber.length <= 6 ? 6 : 8, "0")) !==
        toEightDigitInsurerNumber(insurer.insurerNumber)
    ) {
      messages.push(`保険者番号が当保険者（${insurer.insurerNumber}）と異なります`);
    }
    if (messages.length > 0) {
      rows.push({ ...base, status: "error", messages });
      continue;
    }
    rows.push({ ...base, ...(await judgeRow(deps.store, actor.insurerId, row)) });
    const judged = rows.at(-1)!;
    if (judged.status === "error") continue;
    const earlierAccount = seenAccounts.get(row.accountId);
    const earlierPerson = judged.personId ? seenPersons.get(judged.personId) : undefined;
    if (earlierAccount !== undefined || earlierPerson !== undefined) {
      judged.status = "error";
      judged.messages = [
        earlierAccount !== undefined
          ? `同じ共通的PFIDが${earlierAccount}行目にもあります`
          : `同じ被保険者が${earlierPerson}行目にもあります`,
      ];
      continue;
    }
    seenAccounts.set(row.accountId, row.line);
    if (judged.personId) seenPersons.set(judged.personId, row.line);
  }
  const importId = `imp_${randomUUID()}`;
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.imports.insert({
      id: importId,
      insurerId: actor.insurerId,
      uploadedBy: actor.loginId,
      createdAt: at,
      encoding,
      rows,
      status: "previewed",
      decidedAt: null,
      decidedBy: null,
    });
    const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
    await auditStaff(tx, actor, at, {
      action: "csv.import_preview",
      target: importId,
      detail: `CSV取込の確認 ${rows.length}行（紐づけ${count("link")}・要確認${count("confirm")}・登録済${count("unchanged")}・エラー${count("error")}）`,
    });
  });
  return { importId, rows };
}

/** One row against the intake and the register (also used again, inside the transaction, when applying). */
export async function judgeRow(
  repos: Repositories,
  insurerId: string,
  row: {
    accountId: string;
    symbol: string | null;
    number: string;
    branchNumber: string;
    name?: string;
    birthDate?: string;
  },
): Promise<Pick<ImportRow, "status" | "messages" | "personId" | "differences">> {
  const error = (message: string) => ({ status: "error" as const, messages: [message] });
  const registration = await repos.registrations.get(insurerId, row.accountId);
  if (!registration) return error("この共通的PFIDの登録申請は受付一覧にありません");
  if (registration.status === "revoked") return error("この登録の利用者証明用電子証明書は失効しています");
  if (
    row.name &&
    !namesAgree(registration.fourInfo.name, registration.fourInfo.nameAlternativeFlags, row.name)
  ) {
    return error("氏名が登録申請と一致しません（共通的PFIDの行ずれ・入力誤りの可能性）");
  }
  if (row.birthDate && row.birthDate !== registration.fourInfo.dateOfBirth) {
    return error("生年月日が登録申請と一致しません（共通的PFIDの行ずれ・入力誤りの可能性）");
  }
  const person = await repos.persons.byNumber(insurerId, row);
  if (!person) return error("この記号・番号・枝番の被保険者はいません");
  const personLink = await repos.links.liveForPerson(insurerId, person.id);
  if (personLink?.accountId === row.accountId) {
    return { status: "unchanged", messages: ["既にこの被保険者に紐づいています"], personId: person.id };
  }
  if (personLink) return error("この被保険者には別の共通的PFIDが紐づいています");
  const accountLinks = await repos.links.live(insurerId, row.accountId);
  if (accountLinks.length > 0) {
    return error(
      "この共通的PFIDは別の被保険者に紐づいています（複数該当になるため、画面で確認して紐づけてください）",
    );
  }
  const differences = applicationDifferences(registration.fourInfo, person);
  if (differences.length > 0) {
    return {
      status: "confirm",
      messages: ["申請情報と被保険者情報が異なります"],
      personId: person.id,
      differences,
    };
  }
  return { status: "link", messages: [], personId: person.id };
}
