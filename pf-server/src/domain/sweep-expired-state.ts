/**
 * @module The minute's sweep of the PF's short-lived shared rows: terminal-assertion IDs whose assertion can no
 * longer be accepted, rate-limit buckets that are full again and failure windows that have ended (either is the
 * same as no row), OCSP answers past their nextUpdate and, past the row cap, the soonest-expiring of the rest.
 * Run by one PF instance at a time (the caller holds the job's advisory lock).
 */
import type { PfStore } from "../storage/repositories.ts";

export interface ExpirySweepReport {
  terminalAssertionIds: number;
  rateLimitRows: number;
  ocspAnswersExpired: number;
  ocspAnswersEvicted: number;
}

export async function sweepExpiredState(
  store: Pick<PfStore, "replayGuard" | "rateLimits" | "ocspAnswers">,
  now: Date,
  limits: { ocspAnswerRows: number },
): Promise<ExpirySweepReport> {
  const terminalAssertionIds = await store.replayGuard.sweepExpired(now);
  const rateLimitRows = await store.rateLimits.sweepExpired(now);
  const ocsp = await store.ocspAnswers.sweep(now.getTime(), limits.ocspAnswerRows);
  return {
    terminalAssertionIds,
    rateLimitRows,
    ocspAnswersExpired: ocsp.expired,
    ocspAnswersEvicted: ocsp.evicted,
  };
}
