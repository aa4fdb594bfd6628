/**
 * @module What every use case receives: the repositories, the PF client, a clock, and who is acting.
 */
import type { PfClient } from "./pf-client.ts";
import type { Repositories } from "./repositories.ts";

export interface Deps {
  repos: Repositories;
  pf: PfClient;
  now: () => Date;
  log: (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;
  /**
   * Called when something new is owed to the PF (a household-link state), so it can go out at once. Call it
   * after the unit of work that queued it has committed: the delivery reads what was committed.
   */
  pfDeliveryDue?: () => void;
  /**
   * Runs a named background job unless a run of it is under way — in this process or, when several consoles share
   * one PostgreSQL database, in another console (an advisory lock): the delivery to the PF, the session sweep, the
   * fee-statement refresh. Without it (one console on SQLite, tests) the job simply runs.
   */
  runExclusive?: <T>(
    name: string,
    job: () => Promise<T>,
  ) => Promise<{ ran: true; value: T } | { ran: false }>;
}

/** Runs `job` through `deps.runExclusive`, or at once when there is none. */
export async function exclusively<T>(
  deps: Deps,
  name: string,
  job: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (deps.runExclusive) return deps.runExclusive(name, job);
  return { ran: true, value: await job() };
}

/** The staff member acting, for scoping and the audit log. */
export interface Actor {
  operatorId: string;
  loginId: string;
  role: "staff" | "admin";
  requestId: string;
}

/**
 * Runs `work` as one unit of work (repositories.ts): the `deps` it is given use the unit's repositories, so
 * everything it writes, its audit entry included, commits together or not at all.
 */
export function inTransaction<T>(deps: Deps, work: (deps: Deps) => Promise<T>): Promise<T> {
  return deps.repos.transaction((repos) => work({ ...deps, repos }));
}

export function audit(
  deps: Deps,
  actor: Actor,
  action: string,
  target: { householdId?: number | null; contractId?: string | null; detail: string },
): Promise<void> {
  return deps.repos.audit.append({
    operatorId: actor.operatorId,
    at: deps.now().toISOString(),
    staffLoginId: actor.loginId,
    action,
    householdId: target.householdId ?? null,
    contractId: target.contractId ?? null,
    detail: target.detail,
    requestId: actor.requestId,
  });
}
