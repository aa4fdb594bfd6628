import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredCard } from "../testing/harness-for-file.ts";
import { createHarness, type Harness } from "../testing/pf-harness.ts";
import { deliverOutboxEvents } from "./deliver-outbox-events.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(() => h.close());

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 3, timeoutMs: 3000, random: () => 0.5 };

describe("stopping the outbox worker", () => {
  it("finishes the event it is sending when asked to stop, and leaves the others pending untouched", async () => {
    await h.deliver();
    await registeredCard(h);
    await registeredCard(h);
    const due = await h.ctx.store.outbox.list({ status: "pending", limit: 10 });
    expect(due).toHaveLength(2);
    const received = h.webhooks.length;

    // SIGTERM arrives while the first webhook is on the wire.
    const shutdown = new AbortController();
    const fetchThenStop: typeof fetch = async (input, init) => {
      shutdown.abort();
      return fetch(input, init);
    };
    const delivered = await deliverOutboxEvents(
      { ...h.ctx, fetch: fetchThenStop },
      policy,
      50,
      shutdown.signal,
    );

    expect(delivered).toBe(1);
    expect(h.webhooks.length - received).toBe(1);
    const left = await h.ctx.store.outbox.list({ status: "pending", limit: 10 });
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ attempts: 0, lastError: null });
    // The next start's worker sends it.
    expect(await h.deliver()).toBe(1);
    expect(h.webhooks.length - received).toBe(2);
  });
});
