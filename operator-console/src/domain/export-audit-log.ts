/**
 * @module The whole audit log (監査ログ) as CSV for administrators — an export that is itself audited.
 */
import { stringify } from "csv-stringify/sync";
import { type Actor, audit, type Deps } from "./context.ts";
import type { AuditFilter } from "./list-audit-log.ts";

/** CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel reads the Japanese). */
export async function exportAuditLog(deps: Deps, actor: Actor, filter: AuditFilter): Promise<string> {
  const rows = await deps.repos.audit.list(actor.operatorId, { ...filter, limit: 100_000 });
  const csv = stringify(
    rows.map((a) => [a.at, a.staffLoginId, a.action, a.contractId ?? "", a.detail, a.requestId]),
    {
      header: true,
      columns: ["at", "staff_login_id", "action", "contract_id", "detail", "request_id"],
      record_delimiter: "\r\n",
    },
  );
  await audit(deps, actor, "audit.export", { detail: `監査ログCSV ${rows.length}行` });
  return `\uFEFF${csv}`;
}
