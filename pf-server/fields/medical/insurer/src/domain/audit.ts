/**
 * @module The audit trail every use case writes in its own transaction: who (a staff login ID, `pf` for what the
 * PF's messages caused, `web` for the registration page), what (a stable action name), on what (an opaque ID: a
 * 共通的PFID, a person's internal ID, an import ID) and a detail without names, addresses or birth dates.
 */
import type { Actor, Repositories } from "./ports.ts";

export interface AuditFacts {
  action: string;
  target?: string | null;
  detail: string;
}

/** An entry made by a staff member. */
export function auditStaff(repos: Repositories, actor: Actor, at: string, facts: AuditFacts): Promise<void> {
  return repos.audit.append({
    insurerId: actor.insurerId,
    at,
    actor: actor.loginId,
    action: facts.action,
    target: facts.target ?? null,
    detail: facts.detail,
    requestId: actor.requestId,
  });
}

/** An entry made by the system for what the PF or a visitor caused. */
export function auditSystem(
  repos: Repositories,
  insurerId: string,
  actor: "pf" | "web",
  at: string,
  requestId: string,
  facts: AuditFacts,
): Promise<void> {
  return repos.audit.append({
    insurerId,
    at,
    actor,
    action: facts.action,
    target: facts.target ?? null,
    detail: facts.detail,
    requestId,
  });
}
