/**
 * @module The PF's append-only audit trail for the administrator, oldest first, paged by sequence number. It holds
 * codes and opaque IDs only, no personal data.
 */
import type { PfContext } from "./context.ts";

export function readAuditTrail(ctx: PfContext, page: { afterSeq?: number | undefined; limit: number }) {
  return ctx.store.metering.listAudit(page);
}
