/**
 * @module The outbox as the PF administrator sees it: events to operators and providers with their delivery state,
 * newest first — without their bodies, which may carry 4情報.
 */
import type { OutboxListStatus } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

export async function listOutboxEvents(
  ctx: PfContext,
  filter: { status?: OutboxListStatus | undefined; limit: number },
) {
  const events = await ctx.store.outbox.list(filter);
  return events.map(({ payload: _payload, ...rest }) => rest);
}
