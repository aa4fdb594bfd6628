/**
 * @module Delivers due outbox events as Standard Webhooks: at least once, oldest first, with the backoff of
 * `@catv/service-kit` between attempts, and `failed` after the last one (an administrator can requeue it).
 * Receivers deduplicate by `webhook-id`.
 */
import { type BackoffSchedule, backoffDelayMs, webhookHeaders } from "@catv/service-kit";
import { webhookSecretContext } from "../keys/secret-box.ts";
import type { OutboxEvent } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

export interface DeliveryPolicy extends BackoffSchedule {
  maxAttempts: number;
  timeoutMs: number;
  random: () => number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  baseDelayMs: 2000,
  maxDelayMs: 3600_000,
  maxAttempts: 15,
  timeoutMs: 10_000,
  random: Math.random,
};

const TARGET_HEADER: Record<OutboxEvent["targetKind"], string> = {
  operator: "x-catv-operator-id",
  verifier: "x-catv-verifier-id",
  provider: "x-catv-provider-id",
};

/** Every tenant has one webhook endpoint; the header tells a multi-tenant receiver whose event it is. */
async function endpointOf(ctx: PfContext, event: OutboxEvent) {
  const tenant = await ctx.store.tenants.getTenant(event.targetId);
  return (
    tenant && {
      url: tenant.webhookUrl,
      secret: tenant.webhookSecret && ctx.secrets.open(tenant.webhookSecret, webhookSecretContext(tenant.id)),
      header: { [TARGET_HEADER[event.targetKind]]: tenant.id },
    }
  );
}

/**
 * One pass over the due events; returns how many were delivered. Once `stop` is aborted (the process is shutting
 * down) the pass finishes the event it is sending and takes no other: the rest stay pending for the next start.
 */
export async function deliverOutboxEvents(
  ctx: PfContext,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
  limit = 50,
  stop?: AbortSignal,
): Promise<number> {
  const now = ctx.clock.now();
  let delivered = 0;
  for (const event of await ctx.store.outbox.listDue(now.toISOString(), limit)) {
    if (stop?.aborted) break;
    const endpoint = await endpointOf(ctx, event);
    let error: string | undefined;
    if (!endpoint?.url || !endpoint.secret) {
      error = "no webhook endpoint registered";
    } else {
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
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (e) {
        // fetch wraps the socket error: report its code (ECONNREFUSED, timeout) — never a body or URL secret.
        const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
        error = cause?.code ?? (e instanceof Error ? e.name : "network error");
      }
    }
    if (!error) {
      await ctx.store.outbox.markDelivered(event.id, ctx.clock.now().toISOString());
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
    ctx.logger.log(giveUp ? "error" : "warn", "webhook delivery failed", {
      eventId: event.id,
      type: event.type,
      target: event.targetId,
      attempt,
      error,
    });
  }
  return delivered;
}
