/**
 * @module The rules by which the reception reads the PF's eligibility answer (one place, used when a check is
 * written and when a record is shown): which insurer's answer speaks for the visit, what the 資格有効性 means for the
 * desk, and when the insurer's answer may update the patient's name and birth date in the hospital's record.
 */
import type { EligibilityAnswer, QualificationValidity } from "@catv/contracts";
import type { EligibilityOutcome } from "../shared/reception-messages.ts";
import type { EligibilityResults, PatientIdentity } from "./ports.ts";

/**
 * Which 資格有効性 speaks for a visit when several insurers answered (a patient registered with an old and a new
 * insurer): a valid qualification first — the patient is insured; then 複数該当, which staff must resolve; then
 * 無効（新しい資格あり）, 無効 and 該当資格なし.
 */
const PRIORITY: QualificationValidity[] = ["1", "5", "3", "2", "4"];

const OUTCOME_OF: Record<QualificationValidity, EligibilityOutcome> = {
  "1": "valid",
  "2": "invalid",
  "3": "invalid_new_qualification",
  "4": "no_qualification",
  "5": "multiple",
};

export interface ChosenAnswer {
  verifierId: string;
  verifierName: string;
  answer: EligibilityAnswer;
}

export interface CheckSummary {
  validity: QualificationValidity | null;
  outcome: EligibilityOutcome;
  /** The answer that speaks for the visit (absent when every insurer failed to answer). */
  chosen: ChosenAnswer | undefined;
}

export function summariseResults(results: EligibilityResults): CheckSummary {
  const answered = results.flatMap((r) =>
    r.status === "answered" && r.answer.processingResult.status === "1" && r.answer.qualificationValidity
      ? [{ result: r, validity: r.answer.qualificationValidity }]
      : [],
  );
  for (const validity of PRIORITY) {
    const hit = answered.find((a) => a.validity === validity);
    if (hit) {
      const { verifierId, verifierName, answer } = hit.result as ChosenAnswer & { status: "answered" };
      return { validity, outcome: OUTCOME_OF[validity], chosen: { verifierId, verifierName, answer } };
    }
  }
  // Every insurer that answered said 処理結果 2 (its own failure): no 資格有効性 to go by.
  return { validity: null, outcome: "insurer_error", chosen: undefined };
}

/**
 * The identity the hospital may keep from this check: only from a 有効 answer naming exactly one qualification —
 * the patient at the desk, as their insurer records them. A 複数該当 or a lost qualification updates nothing.
 */
export function identityFrom(summary: CheckSummary): PatientIdentity | undefined {
  if (summary.outcome !== "valid" || summary.chosen?.answer.qualifications.length !== 1) return undefined;
  const [q] = summary.chosen.answer.qualifications;
  if (!q) return undefined;
  return { name: q.name, nameKana: q.nameKana ?? null, birthDate: q.birthDate, sex: q.sex };
}

/** Whether an outcome leaves the visit waiting for another try (the insurer did not really answer). */
export const outcomeNeedsRetry = (outcome: EligibilityOutcome) => outcome === "insurer_error";

/** The wait before retry number `attempt` (1 = the first retry): doubling from the initial wait up to the cap. */
export function retryDelayMs(attempt: number, policy: { initialMs: number; maxMs: number }): number {
  return Math.min(policy.initialMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
}
