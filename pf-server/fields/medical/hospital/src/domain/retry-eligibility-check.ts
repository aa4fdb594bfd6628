/**
 * @module A retry of a check no insurer answered (the insurer's system was down, or the PF out of reach): the same
 * recognition, while it lasts, with the consent the patient gave at the first try — the terminal asks the bridge for
 * a fresh assertion and the hospital does the rest. Only a visit waiting for a retry can be retried.
 */
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";
import {
  type EligibilityView,
  eligibilityRoute,
  recordEligibilityCheck,
  visitOfTerminal,
} from "./record-eligibility-check.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function retryEligibilityCheck(
  deps: HospitalDeps,
  assertion: string | undefined,
  input: { recognitionId: string },
): Promise<EligibilityView> {
  const terminalId = await verifyTerminalAssertion(deps.terminals, assertion, eligibilityRoute, deps.now());
  const visit = await visitOfTerminal(deps, input.recognitionId, terminalId);
  if (visit.state !== "retrying") throw fail("nothing_to_retry");
  return recordEligibilityCheck(deps, {
    assertion: assertion!,
    terminalId,
    visit,
    consent: visit.limitConsent ?? false,
  });
}
