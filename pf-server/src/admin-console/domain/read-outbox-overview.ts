/**
 * @module The outbox as the administrator console shows it: per destination, how many events are pending,
 * retrying and dead and how old the oldest pending one is; and the events of one state, newest first, without
 * their bodies (which may carry 4情報).
 */
import type { PfContext } from "../../domain/context.ts";
import { listOutboxEvents } from "../../domain/list-outbox-events.ts";
import type { OutboxListStatus } from "../../storage/repositories.ts";

export async function readOutboxOverview(ctx: PfContext, status: OutboxListStatus, limit = 100) {
  const [destinations, events, tenants] = await Promise.all([
    ctx.store.outbox.destinationStats(),
    listOutboxEvents(ctx, { status, limit }),
    ctx.store.tenants.listTenants(),
  ]);
  // Every destination is a tenant (an operator, an insurer, a provider); one webhook endpoint each.
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    destinations: destinations.map((d) => ({ ...d, name: nameOf(d.targetId) })),
    events: events.map((e) => ({ ...e, targetName: nameOf(e.targetId) })),
  };
}
