/**
 * @module Metering (従量計測): what the PF counts per tenant and JST month, which the tariff (tariff.ts) prices into
 * the tenant's monthly fee statement (compute-fee-statement.ts). A count is written in the same transaction as the
 * event it counts (the `meters` side effect of a store write), so a retried request is never counted twice and a
 * counted event is never lost. Counts only: no person, account ID or certificate is kept with them.
 *
 * Where each metric is counted, and to whom:
 * - to the verifier the person registers with or uses: `registrations` (register-person.ts), `jpki_checks.*` (one
 *   per J-LIS revocation check — the J-LIS verifier fee — in check-revocation.ts; linkage queries in
 *   register-person.ts);
 * - to the owner of the terminal's site: `logins.pin`, `logins.pinless` and `step_ups` (TV sessions, through
 *   issue-session.ts); `recognitions.pin`, `recognitions.pinless` and `eligibility_checks` per site, as
 *   `<metric>@<siteId>` (reception, recognise-patient.ts and check-eligibility.ts).
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
  recognitionPin: "recognitions.pin",
  recognitionPinless: "recognitions.pinless",
  eligibilityChecks: "eligibility_checks",
} as const;

/** A metric counted per site: `recognitions.pinless@med-minato-reception`. */
export const perSite = (metric: string, siteId: string) => `${metric}@${siteId}`;

/** The counts of a tenant's JST month (`YYYY-MM`), by metric; a metric never counted is absent. */
export function readMonthlyMetering(
  ctx: PfContext,
  tenantId: string,
  month: string,
): Promise<Record<string, number>> {
  return ctx.store.metering.monthCounts(tenantId, month);
}
