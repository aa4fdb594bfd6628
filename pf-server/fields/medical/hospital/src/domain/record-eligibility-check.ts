/**
 * @module One eligibility check of a visit (参考１－３ (2)) and what the hospital writes from it — the rules of the
 * patient record in one place:
 *
 * - only the PF's answer is written, and only when it is the answer for this visit's recognition and patient
 *   (`pf_answer_mismatch` otherwise: nothing written);
 * - each check is written once (by the PF's check ID), with the insurers' answers exactly as the PF relayed them
 *   and the 限度額 consent the patient gave; the visit takes the check's 資格有効性;
 * - the patient's name, カナ, birth date and sex follow the insurer's answer only when it is 有効 with one
 *   qualification (`identityFrom`);
 * - no insurer answered (`insurer_unavailable`, an insurer's own error, the PF out of reach): the visit waits for a
 *   retry with the same recognition, each wait doubling up to the cap, until the recognition ends (`expired`);
 * - registered but not linked by the insurer (`account_not_linked`): the visit says so; any other refusal is kept
 *   by its code. A failure writes the visit's state and the log line only — nothing already recorded is lost.
 */
import type { EligibilityCheckResponse } from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import { fail } from "../errors.ts";
import type { EligibilityOutcome } from "../shared/reception-messages.ts";
import type { HospitalDeps } from "./deps.ts";
import { identityFrom, outcomeNeedsRetry, retryDelayMs, summariseResults } from "./eligibility-rules.ts";
import type { Visit } from "./ports.ts";
import { failureCode, relayedError } from "./relay-to-pf.ts";

/** What the terminal learns of a check: the outcome for the patient's screen, not the insurance itself. */
export interface EligibilityView {
  outcome: EligibilityOutcome;
  patientNumber: string;
  /** Set while the check waits for a retry (the insurer had its own error). */
  nextAttemptAt?: string;
}

const RETRYABLE = new Set(["insurer_unavailable", "pf_unreachable", "pf_answer_invalid"]);

export async function recordEligibilityCheck(
  deps: HospitalDeps,
  input: { assertion: string; terminalId: string; visit: Visit; consent: boolean },
): Promise<EligibilityView> {
  const { visit, terminalId, consent } = input;
  const patient = await deps.store.patients.byId(visit.patientId);
  if (!patient) throw new Error("a visit without its patient");
  let response: EligibilityCheckResponse;
  try {
    response = await deps.pf.checkEligibility(input.assertion, {
      recognitionId: visit.recognitionId,
      limitApplicationCertificateConsent: consent,
    });
  } catch (error) {
    const code = failureCode(error);
    const retry = RETRYABLE.has(code) ? scheduleRetry(deps, visit) : undefined;
    await deps.store.transaction(async (tx) => {
      await tx.visits.update(visit.id, {
        state: retry?.state ?? stateAfterRefusal(code),
        lastCode: code,
        attempts: visit.attempts + 1,
        nextAttemptAt: retry?.nextAttemptAt ?? null,
        updatedAt: deps.now().toISOString(),
      });
      await tx.log.append({
        terminalId,
        at: deps.now().toISOString(),
        step: "eligibility",
        code,
        visitId: visit.id,
      });
    });
    deps.logger.warn("eligibility check failed", { visitId: visit.id, code, retry: Boolean(retry) });
    deps.changed();
    throw relayedError(
      error,
      retry?.nextAttemptAt ? { nextAttemptAt: retry.nextAttemptAt, expiresAt: visit.expiresAt } : {},
    );
  }
  if (
    response.recognitionId !== visit.recognitionId ||
    response.patientReference !== patient.patientReference
  ) {
    await deps.store.log.append({
      terminalId,
      at: deps.now().toISOString(),
      step: "eligibility",
      code: "pf_answer_mismatch",
      visitId: visit.id,
    });
    deps.logger.error("eligibility answer for another recognition or patient", { visitId: visit.id });
    deps.changed();
    throw fail("pf_answer_mismatch");
  }
  const summary = summariseResults(response.results);
  const identity = identityFrom(summary);
  const retry = outcomeNeedsRetry(summary.outcome) ? scheduleRetry(deps, visit) : undefined;
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.checks.insert({
      checkId: response.checkId,
      visitId: visit.id,
      checkedAt: response.checkedAt,
      limitConsent: consent,
      validity: summary.validity,
      results: response.results,
      warnings: response.warnings,
    });
    await tx.visits.update(visit.id, {
      state: retry?.state ?? "answered",
      lastCode: retry ? "insurer_error" : null,
      attempts: visit.attempts + 1,
      nextAttemptAt: retry?.nextAttemptAt ?? null,
      updatedAt: at,
    });
    if (identity) await tx.patients.updateIdentity(patient.id, identity, at);
    await tx.log.append({
      terminalId,
      at,
      step: "eligibility",
      code: retry ? "insurer_error" : "ok",
      visitId: visit.id,
    });
  });
  deps.changed();
  return {
    outcome: summary.outcome,
    patientNumber: patient.patientNumber,
    ...(retry?.nextAttemptAt ? { nextAttemptAt: retry.nextAttemptAt } : {}),
  };
}

function stateAfterRefusal(code: string): Visit["state"] {
  if (code === "account_not_linked") return "not_linked";
  if (code === "recognition_expired") return "expired";
  return "refused";
}

/** The next try of a check no insurer answered, or `expired` when the recognition ends before it. */
function scheduleRetry(deps: HospitalDeps, visit: Visit): { state: Visit["state"]; nextAttemptAt?: string } {
  const next = deps.now().getTime() + retryDelayMs(visit.attempts + 1, deps.retry);
  if (next >= Date.parse(visit.expiresAt)) return { state: "expired" };
  return { state: "retrying", nextAttemptAt: new Date(next).toISOString() };
}

/** The visit of `recognitionId`, made at `terminalId`, or the coded refusal. */
export async function visitOfTerminal(
  deps: HospitalDeps,
  recognitionId: string,
  terminalId: string,
): Promise<Visit> {
  const visit = await deps.store.visits.byRecognition(recognitionId);
  if (!visit) throw fail("recognition_not_recorded");
  if (visit.terminalId !== terminalId) {
    await deps.store.log.append({
      terminalId,
      at: deps.now().toISOString(),
      step: "eligibility",
      code: "recognition_of_other_terminal",
      visitId: null,
    });
    deps.changed();
    throw fail("recognition_of_other_terminal");
  }
  return visit;
}

export const eligibilityRoute = receptionRoutes.eligibilityChecks;
