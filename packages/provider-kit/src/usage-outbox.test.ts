import { silentLogger } from "@catv/service-kit";
import { describe, expect, it } from "vitest";
import {
  flushUsageOutbox,
  type QueuedUsageReport,
  type UsageClaim,
  type UsageOutbox,
} from "./usage-outbox.ts";

/** An outbox with nothing to send that keeps the claims it was asked for. */
function emptyOutbox(): UsageOutbox<QueuedUsageReport> & { claims: UsageClaim[] } {
  const claims: UsageClaim[] = [];
  return {
    claims,
    async claim(claim) {
      claims.push(claim);
      return [];
    },
    async markAccepted() {},
    async markRetry() {},
    async markRejected() {},
    async release() {},
  };
}

const now = new Date("2026-11-10T03:00:00.000Z");
const sender = (outbox: UsageOutbox<QueuedUsageReport>, leaseMs?: number) => ({
  outbox,
  now: () => now,
  pfUrl: "http://127.0.0.1:9",
  apiKey: "key",
  logger: silentLogger,
  ...(leaseMs === undefined ? {} : { leaseMs }),
});

describe("the usage worker's claim", () => {
  it("leases reports for two minutes by default, long enough to send a whole claim", async () => {
    const outbox = emptyOutbox();
    await flushUsageOutbox(sender(outbox));
    expect(outbox.claims[0]?.leaseUntil).toBe("2026-11-10T03:02:00.000Z");
  });

  it("leases reports for the sender's lease when it sets one, so a dead worker's reports are taken over sooner", async () => {
    const outbox = emptyOutbox();
    await flushUsageOutbox(sender(outbox, 5000));
    expect(outbox.claims[0]?.leaseUntil).toBe("2026-11-10T03:00:05.000Z");
  });
});

describe("a pass with several loops", () => {
  /** An outbox whose claims take a moment and find nothing, counting how many are open at once. */
  function slowEmptyOutbox() {
    const outbox = emptyOutbox();
    let open = 0;
    const seen = { most: 0 };
    const claim = outbox.claim;
    outbox.claim = async (request) => {
      open += 1;
      seen.most = Math.max(seen.most, open);
      await new Promise((r) => setTimeout(r, 20));
      open -= 1;
      return claim(request);
    };
    return { outbox, seen };
  }

  it("claims one batch at a time by default", async () => {
    const { outbox, seen } = slowEmptyOutbox();
    await flushUsageOutbox(sender(outbox));
    expect(seen.most).toBe(1);
  });

  it("claims as many batches side by side as the sender's concurrency", async () => {
    const { outbox, seen } = slowEmptyOutbox();
    await flushUsageOutbox({ ...sender(outbox), concurrency: 3 });
    expect(seen.most).toBe(3);
  });

  /** An outbox that always has five reports due, each of which the PF accepts. */
  function endlessOutbox() {
    let next = 1;
    const claims: UsageClaim[] = [];
    const outbox: UsageOutbox<QueuedUsageReport> = {
      async claim(request) {
        claims.push(request);
        await new Promise((r) => setTimeout(r, (next % 3) * 2));
        return [...Array(request.limit).keys()].map(() => ({
          id: next,
          idempotencyKey: `key-${next++}`,
          attempts: 0,
          nextAttemptAt: now.toISOString(),
          body: "{}",
        }));
      },
      async markAccepted() {},
      async markRetry() {},
      async markRejected() {},
      async release() {},
    };
    const accepting: typeof fetch = async () =>
      Response.json({ usageId: "use_0123456789abcdef0123", status: "accepted" }, { status: 202 });
    return { outbox, claims, fetch: accepting };
  }

  it("keeps every loop claiming until the pass's bound, then says more may be due", async () => {
    const { outbox, claims, fetch } = endlessOutbox();
    const pass = await flushUsageOutbox({ ...sender(outbox), fetch, concurrency: 3 });
    expect({ claims: claims.length, accepted: pass.accepted, more: pass.more }).toEqual({
      claims: 100,
      accepted: 500,
      more: true,
    });
  });

  it("writes a report's acceptance while the next is sent, and ends the pass when that write fails", async () => {
    const { outbox, fetch } = endlessOutbox();
    const sent: string[] = [];
    const counting: typeof fetch = async (input, init) => {
      sent.push(new Headers(init?.headers).get("idempotency-key") ?? "");
      return fetch(input, init);
    };
    outbox.markAccepted = async (id) => {
      if (id === 1) throw new Error("database gone");
    };
    await expect(flushUsageOutbox({ ...sender(outbox), fetch: counting })).rejects.toThrow("database gone");
    // The first mark's failure is heard before the third report goes out.
    expect(sent).toEqual(["key-1", "key-2"]);
  });

  it("says nothing more is due once a claim comes back empty", async () => {
    const { outbox } = slowEmptyOutbox();
    expect((await flushUsageOutbox({ ...sender(outbox), concurrency: 3 })).more).toBe(false);
  });
});
