/**
 * @module What every transactional outbox here shares: the retry schedule of a delivery that failed, and the
 * worker that runs delivery passes — on a timer (rows are durable, so a restart resumes where it stopped) and as
 * soon as something new is queued — never two at once.
 */
import type { Logger } from "./json-logger.ts";

export interface BackoffSchedule {
  /** The first retry waits up to twice this. */
  baseDelayMs: number;
  /** No retry waits longer. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): after the
 * `attempt`-th failure, a random wait up to `baseDelayMs · 2^attempt` (capped at `maxDelayMs`), and never less
 * than half the base, so a receiver that is down is not hammered.
 * @example const wait = backoffDelayMs(attempts, { baseDelayMs: 2000, maxDelayMs: 3_600_000 });
 */
export function backoffDelayMs(
  attempt: number,
  schedule: BackoffSchedule,
  random: () => number = Math.random,
): number {
  const cap = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** attempt);
  return Math.max(schedule.baseDelayMs / 2, Math.floor(random() * cap));
}

export interface OutboxWorker {
  /** Something new is queued: run a pass soon (one more after the current one, if a pass is running). */
  kick(): void;
  /** Resolves when the current pass (if any) and the one asked for during it are over. */
  idle(): Promise<void>;
  /**
   * No pass starts any more; the running one is told through its signal to take no further event, and the promise
   * resolves when it is over (graceful shutdown: an event being sent is finished and marked, never cut in half).
   */
  stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
  /** Names the worker in the log. */
  name: string;
  intervalMs: number;
  logger: Pick<Logger, "error">;
}

/**
 * Runs `pass` every `intervalMs`, and on `kick()`; a pass that throws is logged and the next one runs as usual.
 * The pass gets a signal that is aborted by `stop()`: it should finish the event in hand and take no other.
 * @example const worker = startOutboxWorker((signal) => deliverOutboxEvents(ctx, signal), { name: "outbox", intervalMs: 1000, logger });
 */
export function startOutboxWorker(
  pass: (signal: AbortSignal) => Promise<unknown>,
  options: OutboxWorkerOptions,
): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const stopping = new AbortController();
  const run = (): Promise<void> => {
    if (stopped) return running ?? Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass(stopping.signal)
      .then(
        () => undefined,
        (error: unknown) =>
          options.logger.error("outbox pass failed", {
            worker: options.name,
            error: error instanceof Error ? error.name : "unknown",
          }),
      )
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return {
    kick: () => {
      if (!stopped) void run();
    },
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      stopping.abort();
      while (running) await running;
    },
  };
}
