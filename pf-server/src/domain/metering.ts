/**
 * @module Metering (従量計測): what the PF counts per operator and JST month, which the tariff (tariff.ts) prices
 * into the operator's monthly fee statement (compute-fee-statement.ts). A count is written in the same transaction
 * as the event it counts (the `meters` side effect of a store write), so a retried request is never counted twice
 * and a counted event is never lost. Counts only: no viewer, cable ID or certificate is kept with them.
 *
 * Where each metric is counted: `registrations` in register-viewer.ts; `logins.pin`, `logins.pinless` and
 * `step_ups` through issue-session.ts; `jpki_checks.*` (one per J-LIS revocation check, the J-LIS verifier fee
 * the operator pays back) in check-revocation.ts and, for linkage queries, register-viewer.ts.
 */
import type { PfContext } from "./context.ts";

/** Metric names the PF counts. */
export const METRICS = {
  registrations: "registrations",
  loginPin: "logins.pin",
  loginPinless: "logins.pinless",
  stepUps: "step_ups",
  jpkiCheck: (kind: "sign" | "auth") => `jpki_checks.${kind}`,
  jpkiCheckByPolicy: (policy: "ocsp" | "crl" | "linkage") => `jpki_checks.by_method.${policy}`,
} as const;

/** The counts of an operator's JST month (`YYYY-MM`), by metric; a metric never counted is absent. */
export function readMonthlyMetering(
  ctx: PfContext,
  operatorId: string,
  month: string,
): Promise<Record<string, number>> {
  return ctx.store.metering.monthCounts(operatorId, month);
}
