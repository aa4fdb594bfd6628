/**
 * @module Runs `deliverToPf` passes one at a time: on a timer (retries of what the PF did not accept) and as soon
 * as something new is owed (`due()`), so the PF hears of a household link within a moment rather than at the next
 * tick — a viewer who registers on the TV and logs in right away then sees their household as linked.
 */
import type { Deps } from "./context.ts";
import { deliverToPf } from "./deliver-to-pf.ts";

export interface PfDeliveryLoop {
  /** Something new is owed to the PF: run a pass soon (after the caller's transaction has committed). */
  due(): void;
  /** Resolves when no pass is running or asked for. */
  idle(): Promise<void>;
  stop(): void;
}

export function startPfDeliveryLoop(
  deps: Deps,
  options: { intervalMs: number; onTick?: () => void },
): PfDeliveryLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = deliverToPf(deps)
      .catch((error) => deps.log("warn", "delivery pass failed", { error: String(error) }))
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void pass();
        }
      });
    return running;
  };

  const timer = setInterval(() => {
    options.onTick?.();
    void pass();
  }, options.intervalMs);

  return {
    due() {
      if (!stopped) setImmediate(() => void pass());
    },
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
