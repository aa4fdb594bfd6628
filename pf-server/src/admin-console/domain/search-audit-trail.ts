/**
 * @module The PF's audit trail for the administrator console: newest first, filtered by event (prefix), outcome,
 * operator and code, a page at a time. Rows carry codes and opaque IDs only; the cable ID is shown to
 * administrators, who hold the PF's data anyway, and never leaves the PF.
 */
import type { PfContext } from "../../domain/context.ts";
import type { AuditSearch } from "../../storage/repositories.ts";

export const AUDIT_PAGE = 50;

export async function searchAuditTrail(ctx: PfContext, filter: Omit<AuditSearch, "limit">) {
  const rows = await ctx.store.metering.searchAudit({ ...filter, limit: AUDIT_PAGE + 1 });
  return {
    rows: rows.slice(0, AUDIT_PAGE),
    nextBeforeSeq: rows.length > AUDIT_PAGE ? rows[AUDIT_PAGE - 1]?.seq : undefined,
  };
}
