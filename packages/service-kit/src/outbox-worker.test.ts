import { describe, expect, it } from "vitest";
import { silentLogger } from "./json-logger.ts";
import { backoffDelayMs, startOutboxWorker } from "./outbox-worker.ts";

describe("delivery backoff", () => {
  const schedule = { baseDelayMs: 1000, maxDelayMs: 60_000 };

  it("grows exponentially with the attempt when the jitter draws its maximum", () => {
    expect(backoffDelayMs(1, schedule, () => 1)).toBe(2000);
    expect(backoffDelayMs(3, schedule, () => 1)).toBe(8000);
  });

  it("never waits longer than the maximum", () => {
    expect(backoffDelayMs(20, schedule, () => 1)).toBe(60_000);
  });

  it("never waits less than half the base delay", () => {
    expect(backoffDelayMs(3, schedule, () => 0)).toBe(500);
  });
});

describe("outbox worker", () => {
  it("runs one more pass after the current one when kicked during it, never two at once", async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    let passes = 0;
    let release: () => void = () => undefined;
    const worker = startOutboxWorker(
      async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        passes += 1;
        if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
        concurrent -= 1;
      },
      { name: "test", intervalMs: 3_600_000, logger: silentLogger },
    );
    worker.kick();
    worker.kick();
    worker.kick();
    release();
    await worker.idle();
    worker.stop();
    expect(passes).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it("logs a pass that throws and keeps running later passes", async () => {
    const lines: unknown[] = [];
    const logger = {
      ...silentLogger,
      error: (msg: string, fields?: object) => lines.push({ msg, ...fields }),
    };
    let passes = 0;
    const worker = startOutboxWorker(
      async () => {
        passes += 1;
        if (passes === 1) throw new TypeError("socket hang up");
      },
      { name: "usage", intervalMs: 3_600_000, logger },
    );
    worker.kick();
    await worker.idle();
    worker.kick();
    await worker.idle();
    worker.stop();
    expect(passes).toBe(2);
    expect(lines).toEqual([{ msg: "outbox pass failed", worker: "usage", error: "TypeError" }]);
  });

  it("runs no pass once stopped", async () => {
    let passes = 0;
    const worker = startOutboxWorker(
      async () => {
        passes += 1;
      },
      { name: "test", intervalMs: 3_600_000, logger: silentLogger },
    );
    worker.stop();
    worker.kick();
    await worker.idle();
    expect(passes).toBe(0);
  });

  it("starts no pass after stop(), not even one a kick queued during the last pass", async () => {
    let passes = 0;
    let finishPass: () => void = () => {};
    const worker = startOutboxWorker(
      () => {
        passes += 1;
        return new Promise<void>((resolve) => {
          finishPass = resolve;
        });
      },
      { name: "test", intervalMs: 3_600_000, logger: silentLogger },
    );
    worker.kick();
    worker.kick(); // queued behind the pass in progress
    const stopped = worker.stop();
    finishPass();
    await stopped;
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes).toBe(1);
  });

  it("tells the pass in progress to take no further event, and stop() resolves when that pass is over", async () => {
    let sawAbort = false;
    let finishPass: () => void = () => {};
    const worker = startOutboxWorker(
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            sawAbort = true;
          });
          finishPass = resolve;
        }),
      { name: "test", intervalMs: 3_600_000, logger: silentLogger },
    );
    worker.kick();
    let over = false;
    const stopped = worker.stop().then(() => {
      over = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sawAbort).toBe(true);
    expect(over).toBe(false);
    finishPass();
    await stopped;
    expect(over).toBe(true);
  });
});
