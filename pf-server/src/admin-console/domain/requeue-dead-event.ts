/**
 * @module An administrator requeues a dead webhook event (its receiver was fixed): it goes out at the next pass
 * with the same `webhook-id`, so the receiver still deduplicates it; audited as `outbox.requeued`.
 */
import type { PfContext } from "../../domain/context.ts";
import { requeueOutboxEvent } from "../../domain/requeue-outbox-event.ts";
import type { AdminActor } from "./admin-context.ts";

export async function requeueDeadEvent(ctx: PfContext, actor: AdminActor, eventId: string): Promise<void> {
  const event = await ctx.store.outbox.get(eventId);
  await requeueOutboxEvent(ctx, eventId);
  await ctx.store.metering.record({
    audit: [
      {
        event: "outbox.requeued",
        outcome: "success",
        actorKind: "admin",
        actorId: actor.loginId,
        tenantId: event?.targetId ?? null,
        requestId: actor.requestId,
      },
    ],
  });
}
