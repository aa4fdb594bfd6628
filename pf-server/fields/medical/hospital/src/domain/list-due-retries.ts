/**
 * @module The checks a terminal should retry now: its visits waiting for a retry whose time has come and whose
 * recognition still lasts. Visits whose recognition ended meanwhile are marked expired first (the desk then asks
 * for a new touch). The answer carries IDs and times only.
 */
import type { HospitalDeps } from "./deps.ts";
import { ownTerminalRoutes } from "./terminal-routes.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export interface DueRetry {
  recognitionId: string;
  expiresAt: string;
  attempts: number;
}

export async function listDueRetries(deps: HospitalDeps, assertion: string | undefined): Promise<DueRetry[]> {
  const now = deps.now();
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    ownTerminalRoutes.pendingChecks,
    now,
    {
      consume: true,
    },
  );
  const expired = await deps.store.transaction(async (tx) => {
    const overdue = await tx.visits.expireOverdue(now.toISOString());
    for (const visit of overdue) {
      await tx.log.append({
        terminalId: visit.terminalId,
        at: now.toISOString(),
        step: "eligibility",
        code: "recognition_expired",
        visitId: visit.id,
      });
    }
    return overdue.length;
  });
  if (expired > 0) deps.changed();
  return (await deps.store.visits.dueForRetry(terminalId, now.toISOString())).map((v) => ({
    recognitionId: v.recognitionId,
    expiresAt: v.expiresAt,
    attempts: v.attempts,
  }));
}
