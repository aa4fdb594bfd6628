/**
 * @module Every statement line of a closed month as CSV (請求明細), for the operator's own billing system. Audited.
 */
import { stringify } from "csv-stringify/sync";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps } from "./context.ts";

/** CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel reads the Japanese). */
export async function exportStatements(deps: Deps, actor: Actor, month: string): Promise<string> {
  if (!(await deps.repos.billing.getMonth(actor.operatorId, month))) throw new ConsoleError("not_found");
  const lines = await deps.repos.billing.statementLinesForExport(actor.operatorId, month);
  const rows = lines.map((l) => [
    month,
    l.contractId,
    l.kind,
    l.providerId ?? "",
    l.usageId ?? "",
    l.description,
    l.amountYen,
    l.taxRatePercent,
  ]);
  const csv = stringify(rows, {
    header: true,
    columns: [
      "month",
      "contract_id",
      "kind",
      "provider_id",
      "usage_id",
      "description",
      "amount_yen",
      "tax_rate_percent",
    ],
    record_delimiter: "\r\n",
  });
  await audit(deps, actor, "statement.export", { detail: `${month} 請求明細CSV ${rows.length}行` });
  return `\uFEFF${csv}`;
}
