/**
 * @module The usage outbox of a provider: sends the usage reports it queued (in the transaction of the business
 * change that made them) to the PF (`POST /v1/provider/usage`, provider-api.ts) in the order they were made. A report the PF accepts is done; one it refuses for good (400/404/409/422) is set aside for staff
 * (sending it again cannot help); anything else — the PF down, a timeout, 5xx, 429, a key not yet registered —
 * is retried later with exponential backoff and jitter, with the same Idempotency-Key and the same body.
 */
import { usageReportResponseSchema } from "@catv/contracts";
import { backoffDelayMs, type Logger } from "@catv/service-kit";

/** A report as the outbox keeps it: the exact request body, frozen when queued, and its delivery state. */
export interface QueuedUsageReport {
  id: number;
  idempotencyKey: string;
  attempts: number;
  /** ISO instant before which the report is not sent again. */
  nextAttemptAt: string;
  body: string;
}

/** The provider's outbox table, as the sender needs it. */
export interface UsageOutbox<E extends QueuedUsageReport> {
  /** Pending reports in creation order (so a reversal never overtakes its charge). */
  pending(limit: number): Promise<E[]>;
  markAccepted(id: number, attempts: number, usageId: string, at: string): Promise<void>;
  markRetry(id: number, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  markRejected(id: number, attempts: number, error: string): Promise<void>;
}

export interface UsageSender<E extends QueuedUsageReport> {
  outbox: UsageOutbox<E>;
  /** Reports with one key go out in order (a booking's charge, then its reversal): the booking ID, say. */
  orderKey: (report: E) => string;
  now: () => Date;
  pfUrl: string;
  apiKey: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** 0–1 random source for jitter (injected for deterministic tests). */
  random?: () => number;
}

export interface FlushResult {
  accepted: number;
  rejected: number;
  /** True when a delivery failed and the rest waits for the next attempt. */
  deferred: boolean;
}

/** Answers that will not change by sending the same report again (malformed, conflicting, viewer unknown). */
const PERMANENT = new Set([400, 404, 409, 413, 422]);
/** The first retry comes within 5 s; none waits more than 10 minutes. */
const RETRY_SCHEDULE = { baseDelayMs: 2_500, maxDelayMs: 10 * 60_000 };

async function deliver<E extends QueuedUsageReport>(
  sender: UsageSender<E>,
  entry: E,
): Promise<{ status: number; json: unknown }> {
  const response = await (sender.fetch ?? fetch)(`${sender.pfUrl.replace(/\/+$/, "")}/v1/provider/usage`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${sender.apiKey}`,
      "content-type": "application/json",
      "idempotency-key": entry.idempotencyKey,
    },
    body: entry.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: await response.json().catch(() => undefined) };
}

/**
 * @example await flushUsageOutbox({ outbox: store.outbox, orderKey: (r) => r.bookingId, now: () => new Date(), pfUrl, apiKey, logger });
 */
export async function flushUsageOutbox<E extends QueuedUsageReport>(
  sender: UsageSender<E>,
): Promise<FlushResult> {
  const result: FlushResult = { accepted: 0, rejected: 0, deferred: false };
  const random = sender.random ?? Math.random;
  // A key whose earlier report is still waiting keeps its later ones back: a reversal must never reach the PF
  // before the charge it cancels. Other keys' reports go on.
  const waiting = new Set<string>();
  for (const entry of await sender.outbox.pending(50)) {
    const now = sender.now();
    if (waiting.has(sender.orderKey(entry))) continue;
    if (Date.parse(entry.nextAttemptAt) > now.getTime()) {
      waiting.add(sender.orderKey(entry));
      result.deferred = true;
      continue;
    }
    const attempts = entry.attempts + 1;
    let outcome: { status: number; json: unknown };
    try {
      outcome = await deliver(sender, entry);
    } catch (err) {
      const next = new Date(now.getTime() + backoffDelayMs(attempts, RETRY_SCHEDULE, random)).toISOString();
      await sender.outbox.markRetry(entry.id, attempts, next, `network: ${(err as Error).name}`);
      sender.logger.warn("usage report deferred", { outboxId: entry.id, attempts, reason: "network" });
      // The PF cannot be reached: stop here instead of waiting out a timeout per report.
      result.deferred = true;
      break;
    }
    const accepted = usageReportResponseSchema.safeParse(outcome.json);
    if (outcome.status >= 200 && outcome.status < 300 && accepted.success) {
      await sender.outbox.markAccepted(entry.id, attempts, accepted.data.usageId, now.toISOString());
      result.accepted += 1;
      continue;
    }
    const code = (outcome.json as { error?: { code?: string } } | undefined)?.error?.code ?? "unknown";
    if (PERMANENT.has(outcome.status)) {
      await sender.outbox.markRejected(entry.id, attempts, `HTTP ${outcome.status} ${code}`);
      sender.logger.error("usage report rejected by the PF", {
        outboxId: entry.id,
        status: outcome.status,
        code,
      });
      result.rejected += 1;
      continue;
    }
    const next = new Date(now.getTime() + backoffDelayMs(attempts, RETRY_SCHEDULE, random)).toISOString();
    await sender.outbox.markRetry(entry.id, attempts, next, `HTTP ${outcome.status} ${code}`);
    sender.logger.warn("usage report deferred", {
      outboxId: entry.id,
      attempts,
      status: outcome.status,
      code,
    });
    result.deferred = true;
    break;
  }
  return result;
}
