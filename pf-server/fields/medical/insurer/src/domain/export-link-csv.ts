/**
 * @module The CSV exports of bulk linking, keyed by 共通的PFID, with the same column names the import reads, so
 * either file comes back in as it went out:
 * - 受付一覧 (intake): every registration with the applicant's verified 4情報 and its state, and 記号・番号・枝番
 *   where it is linked — empty where not, for the 国保 system or staff to fill in and import;
 * - 紐づけ一覧 (links): every live link with the record's 記号・番号・枝番 and the applicant's name and birth date.
 * Audited (who took which file); the files hold 4情報, so only staff of this insurer can take them.
 */
import { toEightDigitInsurerNumber } from "@catv/contracts";
import { jstDate } from "@catv/contracts/calendar";
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import { type CsvEncoding, encodeCsv, spreadsheetDate } from "./link-csv-format.ts";
import type { Actor, Deps, InsuredPerson } from "./ports.ts";

const GENDER_LABELS = { "1": "男", "2": "女", "9": "適用不能" } as const;
const jstDateTime = (iso: string) =>
  new Date(iso).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", hour12: false });

export async function exportIntakeCsv(deps: Deps, actor: Actor, encoding: CsvEncoding): Promise<Buffer> {
  const insurer = await deps.store.insurers.get(actor.insurerId);
  if (!insurer) throw fail("not_found");
  const rows: string[][] = [];
  let offset = 0;
  for (;;) {
    const page = await deps.store.registrations.list(actor.insurerId, { view: "all", offset, limit: 500 });
    for (const registration of page.items) {
      const persons: InsuredPerson[] = [];
      for (const id of registration.linkedPersonIds) {
        const person = await deps.store.persons.get(actor.insurerId, id);
        if (person) persons.push(person);
      }
      const state =
        registration.status === "revoked" ? "失効" : persons.length > 0 ? "紐づけ済" : "紐づけ待ち";
      const linked = persons[0];
      rows.push([
        registration.accountId,
        registration.fourInfo.name,
        spreadsheetDate(registration.fourInfo.dateOfBirth),
        GENDER_LABELS[registration.fourInfo.gender],
        registration.fourInfo.address,
        jstDateTime(registration.registeredAt),
        state,
        toEightDigitInsurerNumber(insurer.insurerNumber),
        linked?.symbol ?? "",
        linked?.number ?? "",
        linked?.branchNumber ?? "",
      ]);
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  await auditStaff(deps.store, actor, deps.now().toISOString(), {
    action: "csv.export_intake",
    detail: `受付一覧CSV出力 ${rows.length}行（${encoding}）`,
  });
  return encodeCsv(
    [
      "共通的PFID",
      "氏名",
      "生年月日",
      "性別",
      "住所",
      "登録日時",
      "状態",
      "保険者番号",
      "記号",
      "番号",
      "枝番",
    ],
    rows,
    encoding,
  );
}

export async function exportLinksCsv(deps: Deps, actor: Actor, encoding: CsvEncoding): Promise<Buffer> {
  const insurer = await deps.store.insurers.get(actor.insurerId);
  if (!insurer) throw fail("not_found");
  const rows: string[][] = [];
  for (const link of await deps.store.links.allLive(actor.insurerId)) {
    const registration = await deps.store.registrations.get(actor.insurerId, link.accountId);
    rows.push([
      link.accountId,
      toEightDigitInsurerNumber(insurer.insurerNumber),
      link.person.symbol ?? "",
      link.person.number,
      link.person.branchNumber,
      registration?.fourInfo.name ?? "",
      registration ? spreadsheetDate(registration.fourInfo.dateOfBirth) : "",
      link.person.name,
      jstDateTime(link.linkedAt),
      link.method === "csv" ? "CSV" : "画面",
    ]);
  }
  await auditStaff(deps.store, actor, deps.now().toISOString(), {
    action: "csv.export_links",
    detail: `紐づけ一覧CSV出力 ${rows.length}行（${encoding}）`,
  });
  return encodeCsv(
    [
      "共通的PFID",
      "保険者番号",
      "記号",
      "番号",
      "枝番",
      "氏名",
      "生年月日",
      "被保険者氏名",
      "紐づけ日時",
      "紐づけ方法",
    ],
    rows,
    encoding,
  );
}

/** The file name of an export: what, whose, which JST day. */
export function exportFileName(kind: "intake" | "links", insurerId: string, now: Date): string {
  return `${kind === "intake" ? "uketsuke" : "himozuke"}-${insurerId}-${jstDate(now).replaceAll("-", "")}.csv`;
}
