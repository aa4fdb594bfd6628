/**
 * @module One life-cycle operation per resident at a time. Moves, renewals and loss reports read the current
 * certificates, then generate keys (async), then write: two at once for the same resident would both supersede
 * the same certificate. Operations on different residents still run concurrently.
 */
import type { JlisContext } from "./jlis-context.ts";

const queues = new WeakMap<JlisContext, Map<string, Promise<unknown>>>();

export async function withResidentLock<T>(
  ctx: JlisContext,
  residentId: string,
  work: () => Promise<T>,
): Promise<T> {
  const perResident = queues.get(ctx) ?? new Map<string, Promise<unknown>>();
  queues.set(ctx, perResident);
  const previous = perResident.get(residentId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(work);
  perResident.set(residentId, run);
  try {
    return await run;
  } finally {
    if (perResident.get(residentId) === run) perResident.delete(residentId);
  }
}
