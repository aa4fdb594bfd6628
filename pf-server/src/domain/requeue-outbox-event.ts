/**
 * @module The PF administrator puts a dead webhook event back in the queue (after its receiver was fixed); it is
 * delivered again at the next pass, with the same `webhook-id`, so the receiver still deduplicates it.
 */
import { fail } from "../platform/errors.ts";
import type { PfContext } from "./context.ts";

export async function requeueOutboxEvent(ctx: PfContext, eventId: string): Promise<void> {
  const ok = await ctx.store.outbox.requeue(eventId, ctx.clock.now().toISOString());
  if (!ok) throw fail("not_found", "No dead event with this ID.");
}
