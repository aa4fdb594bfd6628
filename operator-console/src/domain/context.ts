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

/** Billing months follow the Japanese calendar: an event at 2026-05-31T20:00Z belongs to June (JST). */
export function jstMonth(at: Date | string): string {
  const d = new Date(typeof at === "string" ? at : at.getTime());
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
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
