/**
 * @module The audit log (監査ログ) for administrators: the latest entries, filtered by action, staff member and dates.
 */
import type { Deps } from "./context.ts";
import type { AuditEntry } from "./records.ts";

export interface AuditFilter {
  action: string;
  staff: string;
  /** `YYYY-MM-DD`, or "" for no bound. */
  from: string;
  to: string;
}

export function listAuditLog(deps: Deps, operatorId: string, filter: AuditFilter): Promise<AuditEntry[]> {
  return deps.repos.audit.list(operatorId, { ...filter, limit: 500 });
}
