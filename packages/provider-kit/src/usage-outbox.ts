/**
 * @module The usage outbox of a provider: sends the usage reports it queued (in the transaction of the business
 * change that made them) to the PF (`POST /v1/provider/usage`, provider-api.ts) in the order they were made. A
 * report the PF accepts is done; one it refuses for good (400/404/409/422) is set aside for staff (sending it again
 * cannot help); anything else — the PF down, a timeout, 5xx, 429, a key not yet registered — is retried later with
 * exponential backoff and jitter, with the same Idempotency-Key and the same body.
 *
 * Several workers may share one database (two instances of a provider on PostgreSQL, or two processes on one
 * SQLite file): a worker claims reports with a lease before sending them (on PostgreSQL `FOR UPDATE SKIP LOCKED`),
 * so two workers never send one report at once; a worker that dies leaves its lease to expire and another takes
 * the report over (the same Idempotency-Key makes the PF record it once even then). Only the first pending report of
 * an order key can be claimed, so a reversal is never sent while its charge is still pending anywhere.
 */
import { randomUUID } from "node:crypto";
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

/** A worker's request for reports to send. */
export interface UsageClaim {
  limit: number;
  /** ISO instant: reports due by then, whose lease (if any) has expired by then. */
  now: string;
  /** ISO instant the lease of the claimed reports runs to. */
  leaseUntil: string;
  /** The claiming worker, written on the claimed reports; marks by another worker change nothing. */
  owner: string;
}

/** The provider's outbox table, as the sender needs it. */
export interface UsageOutbox<E extends QueuedUsageReport> {
  /**
   * Leases to `claim.owner` up to `claim.limit` pending reports, in creation order, that are due, not leased to a
   * live worker, and the first pending report of their order key (a booking's charge before its reversal).
   */
  claim(claim: UsageClaim): Promise<E[]>;
  markAccepted(id: number, owner: string, attempts: number, usageId: string, at: string): Promise<void>;
  markRetry(id: number, owner: string, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  markRejected(id: number, owner: string, attempts: number, error: string): Promise<void>;
  /** Gives a claimed report back unsent (the pass stopped before it). */
  release(id: number, owner: string): Promise<void>;
}

export interface UsageSender<E extends QueuedUsageReport> {
  outbox: UsageOutbox<E>;
  now: () => Date;
  pfUrl: string;
  apiKey: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** 0–1 random source for jitter (injected for deterministic tests). */
  random?: () => number;
  /** Names this worker on its leases (a fresh random name per pass if not given). */
  owner?: string;
  /**
   * How long a claim lasts (default `LEASE_MS`, long enough for a whole claim). Shorter hands a dead worker's
   * reports to another sooner, and now and then has two send one report, which its Idempotency-Key makes harmless.
   */
  leaseMs?: number;
  /**
   * Claims sent side by side in one pass (default 1). Order is kept where it matters: a booking's reversal cannot
   * be claimed while its charge is pending anywhere, so two loops never hold reports of one order key.
   */
  concurrency?: number;
}

export interface FlushResult {
  accepted: number;
  rejected: number;
  /** True when a delivery failed and the rest waits for the next attempt. */
  deferred: boolean;
  /**
   * True when the pass stopped at its bound of claims while reports were still coming: the caller should run the
   * next pass at once rather than wait for its timer, which would leave due reports idle.
   */
  more: boolean;
}

/** Answers that will not change by sending the same report again (malformed, conflicting, viewer unknown). */
const PERMANENT = new Set([400, 404, 409, 413, 422]);
/** The first retry comes within 5 s; none waits more than 10 minutes. */
const RETRY_SCHEDULE = { baseDelayMs: 2_500, maxDelayMs: 10 * 60_000 };
/**
 * Reports claimed at a time, and how long their lease lasts: each delivery is bounded by 10 s, so a live worker
 * finishes a whole claim (50 s at worst) within its lease, and reports held by a worker that died wait 2 minutes.
 */
const CLAIM_SIZE = 5;
const LEASE_MS = 2 * 60_000;
/** A bound on claims in one pass, so a pass ends even if the table keeps filling. */
const MAX_CLAIMS_PER_PASS = 100;

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
 * @example await flushUsageOutbox({ outbox: store.outbox, now: () => new Date(), pfUrl, apiKey, logger });
 */
export async function flushUsageOutbox<E extends QueuedUsageReport>(
  sender: UsageSender<E>,
): Promise<FlushResult> {
  const result: FlushResult = { accepted: 0, rejected: 0, deferred: false, more: false };
  const owner = sender.owner ?? `usage-worker-${randomUUID()}`;
  const loops = Math.max(1, Math.floor(sender.concurrency ?? 1));
  // One budget shared by the loops, so each keeps sending until the pass's bound rather than stopping after its
  // own share while the others still have work (which would leave the pass's tail at a fraction of its concurrency).
  const budget = { claims: MAX_CLAIMS_PER_PASS, dry: false };
  await Promise.all([...Array(loops).keys()].map(() => sendClaims(sender, owner, budget, result)));
  result.more = budget.claims <= 0 && !budget.dry && !result.deferred;
  return result;
}

/** One loop of a pass: claims and sends until nothing is due, the PF cannot take reports, or the budget is spent. */
async function sendClaims<E extends QueuedUsageReport>(
  sender: UsageSender<E>,
  owner: string,
  budget: { claims: number; dry: boolean },
  result: FlushResult,
): Promise<void> {
  while (budget.claims > 0 && !budget.dry && !result.deferred) {
    budget.claims -= 1;
    const claimedAt = sender.now();
    const claimed = await sender.outbox.claim({
      limit: CLAIM_SIZE,
      now: claimedAt.toISOString(),
      leaseUntil: new Date(claimedAt.getTime() + (sender.leaseMs ?? LEASE_MS)).toISOString(),
      owner,
    });
    if (claimed.length === 0) {
      budget.dry = true;
      break;
    }
    // A report's "accepted" mark is written while the next report of the claim is on its way (a claim holds one
    // report per booking, so nothing waits on it); it is awaited before the next mark and at the claim's end. A
    // mark that fails ends the pass, and its report, still leased, is sent again after the lease with the same key.
    let marking: Promise<void> = Promise.resolve();
    let markFailed: { error: unknown } | undefined;
    const marked = async () => {
      await marking;
      if (markFailed) throw markFailed.error;
    };
    const markLater = async (mark: () => Promise<void>) => {
      await marked();
      marking = mark().then(
        () => undefined,
        (error: unknown) => {
          markFailed = { error };
        },
      );
    };
    for (const [index, entry] of claimed.entries()) {
      const outcome = await sendOne(sender, owner, entry, result, markLater);
      if (outcome === "stop") {
        await marked();
        // The PF cannot take reports now: give the rest back instead of waiting out a failure per report.
        for (const rest of claimed.slice(index + 1)) await sender.outbox.release(rest.id, owner);
        result.deferred = true;
        return;
      }
    }
    await marked();
  }
}

/**
 * Sends one claimed report and marks what came of it (an acceptance through `markLater`, which need not wait for
 * it); "stop" when the rest should wait.
 */
async function sendOne<E extends QueuedUsageReport>(
  sender: UsageSender<E>,
  owner: string,
  entry: E,
  result: FlushResult,
  markLater: (mark: () => Promise<void>) => Promise<void>,
): Promise<"next" | "stop"> {
  const random = sender.random ?? Math.random;
  const now = sender.now();
  const attempts = entry.attempts + 1;
  let outcome: { status: number; json: unknown };
  try {
    outcome = await deliver(sender, entry);
  } catch (err) {
    const next = new Date(now.getTime() + backoffDelayMs(attempts, RETRY_SCHEDULE, random)).toISOString();
    await sender.outbox.markRetry(entry.id, owner, attempts, next, `network: ${(err as Error).name}`);
    sender.logger.warn("usage report deferred", { outboxId: entry.id, attempts, reason: "network" });
    return "stop";
  }
  const accepted = usageReportResponseSchema.safeParse(outcome.json);
  if (outcome.status >= 200 && outcome.status < 300 && accepted.success) {
    const usageId = accepted.data.usageId;
    await markLater(() => sender.outbox.markAccepted(entry.id, owner, attempts, usageId, now.toISOString()));
    result.accepted += 1;
    return "next";
  }
  const code = (outcome.json as { error?: { code?: string } } | undefined)?.error?.code ?? "unknown";
  if (PERMANENT.has(outcome.status)) {
    await sender.outbox.markRejected(entry.id, owner, attempts, `HTTP ${outcome.status} ${code}`);
    sender.logger.error("usage report rejected by the PF", {
      outboxId: entry.id,
      status: outcome.status,
      code,
    });
    result.rejected += 1;
    return "next";
  }
  const next = new Date(now.getTime() + backoffDelayMs(attempts, RETRY_SCHEDULE, random)).toISOString();
  await sender.outbox.markRetry(entry.id, owner, attempts, next, `HTTP ${outcome.status} ${code}`);
  sender.logger.warn("usage report deferred", {
    outboxId: entry.id,
    attempts,
    status: outcome.status,
    code,
  });
  return "stop";
}
