/**
 * @module Tells the PF each 共通的PFID's link state (`PUT /v1/verifier/accounts/{id}/link`) until the PF accepts it:
 * the link-state outbox, written in the transaction of every link and unlink. Only the latest state of an account
 * matters (a PUT is idempotent), so older open entries are superseded. A refusal for good (the PF does not know the
 * account, 404 account_unknown) is recorded for staff and not repeated; the PF down, a timeout, 5xx or 429 is
 * retried with exponential backoff and full jitter; when the PF cannot be reached at all, the pass stops.
 */
import { backoffDelayMs } from "@catv/service-kit";
import { auditSystem } from "./audit.ts";
import { PfCallError } from "./pf-call-error.ts";
import type { Deps } from "./ports.ts";

/** The first retry within 5 s; none waits more than 10 minutes. */
const RETRY_SCHEDULE = { baseDelayMs: 2_500, maxDelayMs: 10 * 60_000 };

export interface DeliveryResult {
  accepted: number;
  refused: number;
  deferred: number;
}

export async function deliverLinkStates(
  deps: Deps,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { accepted: 0, refused: 0, deferred: 0 };
  const open = await deps.store.outbox.open(200);
  const latest = new Map<string, (typeof open)[number]>();
  for (const entry of open) latest.set(`${entry.insurerId}\u0000${entry.accountId}`, entry);
  for (const entry of latest.values()) {
    if (signal?.aborted) break;
    const now = deps.now();
    await deps.store.outbox.supersedeOlder(entry.insurerId, entry.accountId, entry.id, now.toISOString());
    if (Date.parse(entry.nextAttemptAt) > now.getTime()) {
      result.deferred += 1;
      continue;
    }
    const secrets = deps.secrets(entry.insurerId);
    const attempts = entry.attempts + 1;
    try {
      if (!secrets) throw new PfCallError(401, "no_credentials");
      await deps.pf.setLinkStatus(secrets.apiKey, entry.accountId, entry.status);
      await deps.store.outbox.markDone(entry.id, "accepted", attempts, now.toISOString());
      result.accepted += 1;
    } catch (error) {
      const failure = error instanceof PfCallError ? error : new PfCallError(0, "error");
      if (failure.permanent) {
        await deps.store.transaction(async (tx) => {
          await tx.outbox.markDone(entry.id, "refused", attempts, now.toISOString(), failure.code);
          await auditSystem(tx, entry.insurerId, "pf", now.toISOString(), "-", {
            action: "pf.link_refused",
            target: entry.accountId,
            detail: `共通的PFが紐づけ状態（${entry.status}）を受け付けませんでした: ${failure.status} ${failure.code}`,
          });
        });
        deps.logger.warn("PF refused a link state", {
          insurerId: entry.insurerId,
          outboxId: entry.id,
          status: failure.status,
          code: failure.code,
        });
        result.refused += 1;
        continue;
      }
      const next = new Date(now.getTime() + backoffDelayMs(attempts, RETRY_SCHEDULE, random));
      await deps.store.outbox.markRetry(
        entry.id,
        attempts,
        next.toISOString(),
        `${failure.status} ${failure.code}`,
      );
      deps.logger.warn("link state deferred", { outboxId: entry.id, attempts, status: failure.status });
      result.deferred += 1;
      // The PF cannot be reached: the others would only wait out the same timeout, one by one.
      if (failure.unreachable) break;
    }
  }
  return result;
}
