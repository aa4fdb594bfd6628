/**
 * @module The eligibility check right after a recognition, with the patient's answer to the 限度額 consent question
 * asked on the terminal (`limitApplicationCertificateConsent`): recorded on the visit, then the check is made and
 * written by the record rules (`record-eligibility-check.ts`).
 */
import type { HospitalDeps } from "./deps.ts";
import {
  type EligibilityView,
  eligibilityRoute,
  recordEligibilityCheck,
  visitOfTerminal,
} from "./record-eligibility-check.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function checkEligibility(
  deps: HospitalDeps,
  assertion: string | undefined,
  input: { recognitionId: string; limitApplicationCertificateConsent: boolean },
): Promise<EligibilityView> {
  const terminalId = await verifyTerminalAssertion(deps.terminals, assertion, eligibilityRoute, deps.now());
  const visit = await visitOfTerminal(deps, input.recognitionId, terminalId);
  const consent = input.limitApplicationCertificateConsent;
  await deps.store.visits.update(visit.id, { limitConsent: consent, updatedAt: deps.now().toISOString() });
  return recordEligibilityCheck(deps, {
    assertion: assertion!,
    terminalId,
    visit: { ...visit, limitConsent: consent },
    consent,
  });
}
