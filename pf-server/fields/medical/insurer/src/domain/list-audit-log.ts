/**
 * @module The audit log of one insurer, newest first (admins only: the HTTP layer checks the role).
 */
import type { Actor, AuditEntry, Deps, Page } from "./ports.ts";

export function listAuditLog(
  deps: Deps,
  actor: Actor,
  filter: { offset: number; limit: number },
): Promise<Page<AuditEntry>> {
  return deps.store.audit.list(actor.insurerId, filter);
}
