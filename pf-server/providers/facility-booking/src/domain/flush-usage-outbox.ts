/**
 * @module Sends queued usage reports to the PF (`POST /v1/provider/usage`, provider-api.ts) in the order they
 * were made. A report the PF accepts is done; one it refuses for good (400/404/409/422) is set aside for staff
 * (sending it again cannot help); anything else — the PF down, a timeout, 5xx, 429, a key not yet registered —
 * is retried later with exponential backoff and jitter, with the same Idempotency-Key and the same body.
 */
import { usageReportResponseSchema } from "@catv/pf-server/contracts";
import type { Logger } from "../pf-kit/index.ts";
import type { FacilityStore, OutboxEntry } from "./ports.ts";

export interface UsageSender {
  store: FacilityStore;
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
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function retryDelayMs(attempts: number, random: () => number): number {
  const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

async function deliver(sender: UsageSender, entry: OutboxEntry): Promise<{ status: number; json: unknown }> {
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
 * @example await flushUsageOutbox({ store, now: () => new Date(), pfUrl, apiKey, logger });
 */
export async function flushUsageOutbox(sender: UsageSender): Promise<FlushResult> {
  const result: FlushResult = { accepted: 0, rejected: 0, deferred: false };
  const random = sender.random ?? Math.random;
  // A booking whose earlier report is still waiting keeps its later ones back: a reversal must never reach the
  // PF before the charge it cancels. Other bookings' reports go on.
  const waiting = new Set<string>();
  for (const entry of sender.store.outbox.pending(50)) {
    const now = sender.now();
    if (waiting.has(entry.bookingId)) continue;
    if (Date.parse(entry.nextAttemptAt) > now.getTime()) {
      waiting.add(entry.bookingId);
      result.deferred = true;
      continue;
    }
    const attempts = entry.attempts + 1;
    let outcome: { status: number; json: unknown };
    try {
      outcome = await deliver(sender, entry);
    } catch (err) {
      const next = new Date(now.getTime() + retryDelayMs(attempts, random)).toISOString();
      sender.store.outbox.markRetry(entry.id, attempts, next, `network: ${(err as Error).name}`);
      sender.logger.warn("usage report deferred", { outboxId: entry.id, attempts, reason: "network" });
      // The PF cannot be reached: stop here instead of waiting out a timeout per report.
      result.deferred = true;
      break;
    }
    const accepted = usageReportResponseSchema.safeParse(outcome.json);
    if (outcome.status >= 200 && outcome.status < 300 && accepted.success) {
      sender.store.outbox.markAccepted(entry.id, attempts, accepted.data.usageId, now.toISOString());
      result.accepted += 1;
      continue;
    }
    const code = (outcome.json as { error?: { code?: string } } | undefined)?.error?.code ?? "unknown";
    if (PERMANENT.has(outcome.status)) {
      sender.store.outbox.markRejected(entry.id, attempts, `HTTP ${outcome.status} ${code}`);
      sender.logger.error("usage report rejected by the PF", {
        outboxId: entry.id,
        status: outcome.status,
        code,
      });
      result.rejected += 1;
      continue;
    }
    const next = new Date(now.getTime() + retryDelayMs(attempts, random)).toISOString();
    sender.store.outbox.markRetry(entry.id, attempts, next, `HTTP ${outcome.status} ${code}`);
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

/**
 * Runs `flush` now and then every `intervalMs`, never two at once; `kick()` asks for a run soon (after a booking).
 * @example const worker = startUsageWorker(() => flushUsageOutbox(sender), 5000, logger); worker.kick();
 */
export function startUsageWorker(flush: () => Promise<unknown>, intervalMs: number, logger: Logger) {
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  const run = (): Promise<unknown> => {
    // After stop() no new pass starts (a queued one included), so idle() is the last pass to wait for.
    if (stopped) return running ?? Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = flush()
      .catch((err: Error) => logger.error("usage worker failed", { error: err.name }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    kick: () => void run(),
    /** Resolves when the current run (if any) is over. */
    idle: () => running ?? Promise.resolve(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
