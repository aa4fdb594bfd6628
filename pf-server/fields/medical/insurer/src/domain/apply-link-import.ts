/**
 * @module Step two of a bulk link by CSV: staff confirm the previewed import, ticking each 要確認 row whose
 * differences they checked. Every 紐づけ row and every ticked row is judged again against the data as it is now (it
 * may have changed since the preview) and linked, all in one transaction, with the PF told through the outbox;
 * a row that no longer qualifies is skipped and says why. An import is applied or discarded once.
 */
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import { linkAccountIn } from "./link-account.ts";
import type { Actor, CsvImport, Deps } from "./ports.ts";
import { type ImportRow, judgeRow } from "./preview-link-import.ts";

export async function applyLinkImport(
  deps: Deps,
  actor: Actor,
  importId: string,
  confirmedLines: ReadonlySet<number>,
): Promise<{ linked: number; skipped: number; rows: ImportRow[] }> {
  const at = deps.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const stored = (await tx.imports.get(actor.insurerId, importId)) as CsvImport<ImportRow> | undefined;
    if (!stored) throw fail("csv_import_unknown");
    if (stored.status !== "previewed") throw fail("csv_import_decided");
    const rows = stored.rows.map((row) => ({ ...row }));
    let linked = 0;
    let skipped = 0;
    for (const row of rows) {
      if (row.status !== "link" && row.status !== "confirm") continue;
      if (row.status === "confirm" && !confirmedLines.has(row.line)) {
        row.outcome = "skipped";
        row.outcomeMessage = "相違の確認がないため紐づけませんでした";
        skipped += 1;
        continue;
      }
      const now = await judgeRow(tx, actor.insurerId, row);
      const stillSame = now.personId === row.personId && (now.status === "link" || now.status === "confirm");
      if (!stillSame || (now.status === "confirm" && !confirmedLines.has(row.line))) {
        row.outcome = "skipped";
        row.outcomeMessage = `確認後に状態が変わりました: ${now.messages.join("、") || "相違が生じました"}`;
        skipped += 1;
        continue;
      }
      await linkAccountIn(tx, actor, at, {
        accountId: row.accountId,
        personId: row.personId!,
        corrections: [],
        confirmMismatch: now.status === "confirm",
        confirmSecondLink: false,
        method: "csv",
      });
      row.outcome = "linked";
      linked += 1;
    }
    await tx.imports.decide(actor.insurerId, importId, "applied", at, actor.loginId, rows);
    await auditStaff(tx, actor, at, {
      action: "csv.import_apply",
      target: importId,
      detail: `CSV取込を実行: 紐づけ${linked}件・対象外${skipped}件`,
    });
    return { linked, skipped, rows };
  });
  deps.linkDeliveryDue?.();
  return result;
}

export async function discardLinkImport(deps: Deps, actor: Actor, importId: string): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    if (!(await tx.imports.decide(actor.insurerId, importId, "discarded", at, actor.loginId))) {
      throw fail(
        (await tx.imports.get(actor.insurerId, importId)) ? "csv_import_decided" : "csv_import_unknown",
      );
    }
    await auditStaff(tx, actor, at, {
      action: "csv.import_discard",
      target: importId,
      detail: "CSV取込を破棄",
    });
  });
}

export async function showLinkImport(
  deps: Deps,
  actor: Actor,
  importId: string,
): Promise<CsvImport<ImportRow>> {
  const stored = (await deps.store.imports.get(actor.insurerId, importId)) as
    | CsvImport<ImportRow>
    | undefined;
  if (!stored) throw fail("csv_import_unknown");
  return stored;
}
