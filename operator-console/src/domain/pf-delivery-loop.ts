/**
 * @module Keeps delivering what the console owes the PF: a `deliverToPf` pass on a timer (retries of what the PF
 * did not accept) and one as soon as something new is owed (`due()`), so the PF hears of a household link within
 * a moment rather than at the next tick — a viewer who registers on the TV and logs in right away then sees their
 * household as linked. `deliverToPf` itself keeps passes from overlapping.
 */
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
  options: { intervalMs: number; onTick?: () => void },
): PfDeliveryLoop {
  let stopped = false;
  let last: Promise<void> = Promise.resolve();
  const pass = () => {
    if (stopped) return;
    last = deliverToPf(deps).catch((error) =>
      deps.log("warn", "delivery pass failed", { error: String(error) }),
    );
  };
  const timer = setInterval(() => {
    options.onTick?.();
    pass();
  }, options.intervalMs);
  return {
    due() {
      if (!stopped) setImmediate(pass);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      return last;
    },
  };
}
