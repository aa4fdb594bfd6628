/**
 * @module The outbox as the administrator console shows it: per destination, how many events are pending,
 * retrying and dead and how old the oldest pending one is; and the events of one state, newest first, without
 * their bodies (which may carry 4情報).
 */
import type { PfContext } from "../../domain/context.ts";
import { listOutboxEvents } from "../../domain/list-outbox-events.ts";
import type { OutboxListStatus } from "../../storage/repositories.ts";

export async function readOutboxOverview(ctx: PfContext, status: OutboxListStatus, limit = 100) {
  const [destinations, events, operators, providers] = await Promise.all([
    ctx.store.outbox.destinationStats(),
    listOutboxEvents(ctx, { status, limit }),
    ctx.store.tenants.listOperators(),
    ctx.store.tenants.listProviders(),
  ]);
  const names = new Map<string, string>([
    ...operators.map((o) => [`operator:${o.id}`, o.name] as const),
    ...providers.map((p) => [`provider:${p.id}`, p.name] as const),
  ]);
  const nameOf = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? id;
  return {
    destinations: destinations.map((d) => ({ ...d, name: nameOf(d.targetKind, d.targetId) })),
    events: events.map((e) => ({ ...e, targetName: nameOf(e.targetKind, e.targetId) })),
  };
}
