/**
 * @module What every use case receives: the repositories, the PF client, a clock, and who is acting.
 */
import type { Repositories } from "../db/repositories.ts";
import type { PfClient } from "./pf-client.ts";

export interface Deps {
  repos: Repositories;
  pf: PfClient;
  now: () => Date;
  log: (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;
  /** Called when something new is owed to the PF (a household-link state), so it can go out at once. */
  pfDeliveryDue?: () => void;
}

/** The staff member acting, for scoping and the audit log. */
export interface Actor {
  operatorId: string;
  loginId: string;
  role: "staff" | "admin";
  requestId: string;
}

export function audit(
  deps: Deps,
  actor: Actor,
  action: string,
  target: { householdId?: number | null; contractId?: string | null; detail: string },
): void {
  deps.repos.audit.append({
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
