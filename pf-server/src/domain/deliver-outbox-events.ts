/**
 * @module Delivers due outbox events as Standard Webhooks: at least once, oldest first within each destination,
 * with the backoff of `@catv/service-kit` between attempts, and `dead` after the last one (kept with its last
 * error; an administrator can requeue it). Receivers deduplicate by `webhook-id`.
 *
 * Each destination (an operator or a provider) is its own lane: its events go out one at a time, in order, and a
 * receiver that hangs until the timeout holds up only its own lane. A lane stops at its first failure in a pass —
 * the receiver is unwell, and trying its next events would only spend another timeout each.
 *
 * A pass claims its batch with a lease (`OutboxRepository.claimDue`), so several PF instances on one database
 * deliver side by side without sending an event twice, and the events of a worker that died are due again once
 * its lease passes.
 */
import { randomUUID } from "node:crypto";
import { type BackoffSchedule, backoffDelayMs, webhookHeaders } from "@catv/service-kit";
import { webhookSecretContext } from "../keys/secret-box.ts";
import { failureFields, type TranslateError } from "../platform/failure-fields.ts";
import type { OutboxDestination, OutboxEvent } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

export interface DeliveryPolicy extends BackoffSchedule {
  maxAttempts: number;
  timeoutMs: number;
  random: () => number;
  /**
   * How long a pass's claim lasts. By default long enough to try every claimed event up to its timeout, so a live
   * pass never loses its claim; a shorter lease hands a dead instance's events to another sooner, at the price of
   * an event now and then sent by two instances (receivers deduplicate by `webhook-id`).
   */
  leaseMs?: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  baseDelayMs: 2000,
  maxDelayMs: 3600_000,
  maxAttempts: 15,
  timeoutMs: 10_000,
  random: Math.random,
};

const TARGET_HEADER: Record<OutboxDestination["targetKind"], string> = {
  operator: "x-catv-operator-id",
  verifier: "x-catv-verifier-id",
  provider: "x-catv-provider-id",
};

/** Every tenant has one webhook endpoint; the header tells a multi-tenant receiver whose event it is. */
async function endpointOf(ctx: PfContext, destination: OutboxDestination) {
  const tenant = await ctx.store.tenants.getTenant(destination.targetId);
  return (
    tenant && {
      url: tenant.webhookUrl,
      secret: tenant.webhookSecret && ctx.secrets.open(tenant.webhookSecret, webhookSecretContext(tenant.id)),
      header: { [TARGET_HEADER[destination.targetKind]]: tenant.id },
    }
  );
}

/** Sends one event; answers the error to record, or undefined when the receiver accepted it. */
async function send(
  ctx: PfContext,
  event: OutboxEvent,
  endpoint: Awaited<ReturnType<typeof endpointOf>>,
  policy: DeliveryPolicy,
): Promise<string | undefined> {
  if (!endpoint?.url || !endpoint.secret) return "no webhook endpoint registered";
  try {
    const res = await ctx.fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...endpoint.header,
        ...webhookHeaders(endpoint.secret, event.id, event.payload, ctx.clock.now()),
      },
      body: event.payload,
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    await res.body?.cancel();
    return res.ok ? undefined : `HTTP ${res.status}`;
  } catch (e) {
    // fetch wraps the socket error: report its code (ECONNREFUSED, timeout) — never a body or URL secret.
    const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
    return cause?.code ?? (e instanceof Error ? e.name : "network error");
  }
}

/**
 * One pass over one destination's due events, in order; returns how many were delivered. Once `stop` is aborted
 * (the process is shutting down) it finishes the event it is sending and takes no other: the rest stay pending.
 */
export async function deliverDestinationEvents(
  ctx: PfContext,
  destination: OutboxDestination,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
  limit = 50,
  stop?: AbortSignal,
  held?: HeldClaims,
): Promise<number> {
  // The events are this pass's alone until the lease ends (long enough to try each of them up to its timeout);
  // a PF instance that dies holding them lets them go when it passes, and any instance then takes them.
  const holder = `${process.pid}:${randomUUID()}`;
  const now = ctx.clock.now();
  const due = await ctx.store.outbox.claimDue({
    destination,
    now: now.toISOString(),
    limit,
    holder,
    leaseUntil: new Date(now.getTime() + leaseMsOf(policy, limit)).toISOString(),
  });
  const untried = new Set(due.map((event) => event.id));
  held?.set(holder, untried);
  try {
    return await deliverClaimed(ctx, destination, due, policy, stop, untried);
  } finally {
    // Those not tried (the pass stopped at a failure or at shutdown) are due again at once, not when the lease ends.
    held?.delete(holder);
    await ctx.store.outbox.releaseClaims(holder, [...untried]);
  }
}

/** A process's claims not yet recorded, by holder: what it gives back if it must stop before their outcome. */
export type HeldClaims = Map<string, Set<string>>;

const LEASE_MARGIN_MS = 30_000;

/** The lease of a claim of `limit` events: the policy's, or enough to try each of them up to its timeout. */
export function leaseMsOf(policy: DeliveryPolicy, limit: number): number {
  return policy.leaseMs ?? limit * policy.timeoutMs + LEASE_MARGIN_MS;
}

/** Sends the claimed events in order, recording each outcome; every event recorded leaves `untried`. */
async function deliverClaimed(
  ctx: PfContext,
  destination: OutboxDestination,
  due: OutboxEvent[],
  policy: DeliveryPolicy,
  stop: AbortSignal | undefined,
  untried: Set<string>,
): Promise<number> {
  const endpoint = due.length > 0 ? await endpointOf(ctx, destination) : undefined;
  let delivered = 0;
  // An event's "delivered" mark is written while the next event is on its way (the receiver has answered, so the
  // order holds); it is awaited before the next outcome is recorded and at the end, so a mark that fails stops the
  // lane with that event and the next still claimed — both are sent again, and the receiver deduplicates them.
  let marking: Promise<void> = Promise.resolve();
  let markFailed: { error: unknown } | undefined;
  const previousMarked = async () => {
    await marking;
    if (markFailed) throw markFailed.error;
  };
  try {
    for (const event of due) {
      if (stop?.aborted) break;
      const started = performance.now();
      const error = await send(ctx, event, endpoint, policy);
      const seconds = (performance.now() - started) / 1000;
      await previousMarked();
      if (!error) {
        marking = ctx.store.outbox.markDelivered(event.id, ctx.clock.now().toISOString()).then(
          () => {
            untried.delete(event.id);
          },
          (failure: unknown) => {
            markFailed = { error: failure };
          },
        );
        ctx.metrics.webhookAttempt(destination, "delivered", seconds);
        delivered++;
        continue;
      }
      const attempt = event.attempts + 1;
      const giveUp = attempt >= policy.maxAttempts;
      await ctx.store.outbox.markAttemptFailed(event.id, {
        error,
        giveUp,
        nextAttemptAt: new Date(
          ctx.clock.now().getTime() + backoffDelayMs(attempt, policy, policy.random),
        ).toISOString(),
      });
      untried.delete(event.id);
      ctx.metrics.webhookAttempt(destination, giveUp ? "dead" : "failed", seconds);
      ctx.logger.log(giveUp ? "error" : "warn", giveUp ? "webhook event dead" : "webhook delivery failed", {
        eventId: event.id,
        type: event.type,
        target: event.targetId,
        attempt,
        error,
      });
      break;
    }
  } finally {
    await marking;
  }
  if (markFailed) throw markFailed.error;
  return delivered;
}

/**
 * One pass over every destination with due events, the destinations side by side; resolves when every lane's
 * pass is over and returns how many events were delivered in all. (The running PF uses `createOutboxLanes`,
 * which does not wait for a slow lane before the next pass of the others.)
 */
export async function deliverOutboxEvents(
  ctx: PfContext,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
  limit = 50,
  stop?: AbortSignal,
): Promise<number> {
  const destinations = await ctx.store.outbox.listDueDestinations(ctx.clock.now().toISOString());
  const counts = await Promise.all(
    destinations.map((d) => deliverDestinationEvents(ctx, d, policy, limit, stop)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * A lane's passes, one after another while each delivers a whole batch: a backlog (a month of usage reported at
 * once) then goes out back to back instead of one batch per poll of the worker, and still in order, one at a time.
 */
async function runLane(
  ctx: PfContext,
  destination: OutboxDestination,
  policy: DeliveryPolicy,
  batch: number,
  stop: AbortSignal | undefined,
  held: HeldClaims,
): Promise<void> {
  let delivered = batch;
  while (delivered === batch && !stop?.aborted)
    delivered = await deliverDestinationEvents(ctx, destination, policy, batch, stop, held);
}

export interface OutboxLanes {
  /** Starts a pass for every destination with due events whose lane is idle; does not wait for them. */
  dispatch(stop?: AbortSignal): Promise<number>;
  /** Resolves when every running lane's pass is over (after `stop` was aborted: their event in hand is marked). */
  drain(): Promise<void>;
  /**
   * For a shutdown cut short by its drain bound: gives back the claims of the lanes still sending, so their events
   * are due again at once (for another instance, or this PF once restarted) instead of when their lease ends. A
   * send still under way may yet arrive: delivery is at least once, and receivers deduplicate by `webhook-id`.
   */
  abandon(): Promise<void>;
}

export interface OutboxLaneOptions {
  /**
   * Names a lane's failure by its cause before it is logged, e.g. a lost database connection as
   * `ServiceUnavailableError` (`translateConnectionLoss` of `@catv/postgres`); undefined keeps the error as it is.
   */
  translateError?: TranslateError;
}

/**
 * The running PF's delivery: one lane per destination, each running its passes on its own, so a receiver that
 * hangs keeps only its own lane busy while the dispatcher keeps starting the others'. `batch` events are claimed
 * at a time.
 * @example const lanes = createOutboxLanes(ctx); startOutboxWorker((signal) => lanes.dispatch(signal), …)
 */
export function createOutboxLanes(
  ctx: PfContext,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
  batch = 50,
  options: OutboxLaneOptions = {},
): OutboxLanes {
  const running = new Map<string, Promise<void>>();
  const held: HeldClaims = new Map();
  return {
    async dispatch(stop) {
      let started = 0;
      for (const destination of await ctx.store.outbox.listDueDestinations(ctx.clock.now().toISOString())) {
        if (stop?.aborted) break;
        const key = `${destination.targetKind}:${destination.targetId}`;
        if (running.has(key)) continue;
        const lane = runLane(ctx, destination, policy, batch, stop, held)
          .then(
            () => undefined,
            (error: unknown) => {
              // A lane runs apart from the worker's pass, so the worker's own translation never sees its failure.
              ctx.logger.log("error", "outbox lane failed", {
                target: destination.targetId,
                ...failureFields(error, options.translateError),
              });
            },
          )
          .finally(() => running.delete(key));
        running.set(key, lane);
        started++;
      }
      return started;
    },
    async drain() {
      while (running.size > 0) await Promise.all(running.values());
    },
    async abandon() {
      await Promise.all(
        [...held].map(([holder, untried]) => ctx.store.outbox.releaseClaims(holder, [...untried])),
      );
      held.clear();
    },
  };
}
