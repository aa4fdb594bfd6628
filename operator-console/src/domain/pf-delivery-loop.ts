/**
 * @module Keeps delivering what the console owes the PF: a `deliverToPf` pass on a timer (retries of what the PF
 * did not accept) and one as soon as something new is owed (`due()`), so the PF hears of a household link within
 * a moment rather than at the next tick — a viewer who registers on the TV and logs in right away then sees their
 * household as linked. The worker is the outbox worker of `@catv/service-kit`; `deliverToPf` itself also keeps
 * passes from overlapping, as pages call it directly.
 */
import { startOutboxWorker } from "@catv/service-kit";
import type { Deps } from "./context.ts";
import { deliverToPf } from "./deliver-to-pf.ts";

export interface PfDeliveryLoop {
  /** Something new is owed to the PF: run a pass soon (after the caller's transaction has committed). */
  due(): void;
  /** Starts no further pass; resolves when the pass in progress (if any) has ended. */
  stop(): Promise<void>;
}

export function startPfDeliveryLoop(
  deps: Deps,
  options: { intervalMs: number; onTick?: () => Promise<void> },
): PfDeliveryLoop {
  const worker = startOutboxWorker(
    async () => {
      await options.onTick?.();
      await deliverToPf(deps);
    },
    {
      name: "pf delivery",
      intervalMs: options.intervalMs,
      logger: { error: (msg, fields) => deps.log("error", msg, fields) },
    },
  );
  return {
    due: () => setImmediate(worker.kick),
    stop: worker.stop,
  };
}
