import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { translateConnectionLoss } from "@catv/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredCard } from "../testing/harness-for-file.ts";
import { createHarness, type Harness } from "../testing/pf-harness.ts";
import { createOutboxLanes, deliverOutboxEvents, leaseMsOf } from "./deliver-outbox-events.ts";

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

describe("one lane per destination", () => {
  /** A receiver that takes every request and never answers (a hung process behind an open port). */
  async function hangingReceiver() {
    const open: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      open.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/hooks`,
      open,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  const event = (id: string, targetKind: "operator" | "provider", targetId: string) => ({
    id,
    targetKind,
    targetId,
    type: "test.ping",
    payload: JSON.stringify({ type: "test.ping", timestamp: new Date().toISOString(), data: { id } }),
  });

  async function until(condition: () => boolean | Promise<boolean>) {
    for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await condition()).toBe(true);
  }

  /** Runs `body` while op-b's webhook points at a receiver that never answers; op-b's settings are restored after. */
  async function whileOpBHangs(
    body: (hanging: Awaited<ReturnType<typeof hangingReceiver>>) => Promise<void>,
  ) {
    await h.deliver();
    const hanging = await hangingReceiver();
    const opB = await h.ctx.store.tenants.getTenant("op-b");
    if (!opB) throw new Error("harness has op-b");
    await h.ctx.store.tenants.saveTenant({ tenant: { ...opB, webhookUrl: hanging.url } });
    try {
      await body(hanging);
    } finally {
      await hanging.close();
      await h.ctx.store.tenants.saveTenant({ tenant: opB });
    }
  }

  it("delivers the other destinations' events while one receiver hangs", async () => {
    await whileOpBHangs(async (hanging) => {
      await h.ctx.store.metering.record({
        events: [event("evt-hang-1", "operator", "op-b"), event("evt-hang-2", "operator", "op-b")],
      });
      await h.ctx.store.metering.record({ events: [event("evt-free-1", "operator", "op-a")] });
      const lanes = createOutboxLanes(h.ctx, { ...policy, timeoutMs: 60_000 });
      const stop = new AbortController();
      await lanes.dispatch(stop.signal);

      await until(() => h.webhooks.some((w) => w.id === "evt-free-1"));
      await until(() => hanging.open.length === 1);
      // op-a's event arrived while op-b's first request is still unanswered; a later event of op-a and one of
      // the provider go out too, on the next dispatch, though op-b's lane is still busy.
      await h.ctx.store.metering.record({
        events: [event("evt-free-2", "operator", "op-a"), event("evt-free-3", "provider", "prov-test")],
      });
      await lanes.dispatch(stop.signal);
      await until(() => ["evt-free-2", "evt-free-3"].every((id) => h.webhooks.some((w) => w.id === id)));
      expect(await h.ctx.store.outbox.get("evt-hang-1")).toMatchObject({ status: "pending", attempts: 0 });
      expect(hanging.open).toHaveLength(1);

      // Shutdown: op-b's lane finishes its event in hand (cut by the receiver going away) and takes no other.
      stop.abort();
      await hanging.close();
      await lanes.drain();
      expect(await h.ctx.store.outbox.get("evt-hang-1")).toMatchObject({ status: "pending", attempts: 1 });
      expect(await h.ctx.store.outbox.get("evt-hang-2")).toMatchObject({ status: "pending", attempts: 0 });
    });
  });

  it("takes the next batch at once after delivering a whole one, without waiting for the next dispatch", async () => {
    await h.deliver();
    const ids = [1, 2, 3, 4, 5].map((i) => `evt-backlog-${i}`);
    await h.ctx.store.metering.record({ events: ids.map((id) => event(id, "operator", "op-a")) });
    const lanes = createOutboxLanes(h.ctx, policy, 2);
    await lanes.dispatch();
    await lanes.drain();
    expect(ids.filter((id) => !h.webhooks.some((w) => w.id === id))).toEqual([]);
    expect(h.webhooks.filter((w) => ids.includes(w.id)).map((w) => w.id)).toEqual(ids);
  });

  it("stops a lane whose delivered mark fails and leaves that event and the next due again, to be resent", async () => {
    await h.deliver();
    const ids = ["evt-mark-1", "evt-mark-2", "evt-mark-3"];
    await h.ctx.store.metering.record({ events: ids.map((id) => event(id, "operator", "op-a")) });
    const outbox = h.ctx.store.outbox;
    const failingFirstMark = {
      ...h.ctx,
      store: {
        ...h.ctx.store,
        outbox: {
          ...outbox,
          markDelivered: async (id: string, at: string) => {
            if (id === "evt-mark-1") throw new Error("connection lost");
            return outbox.markDelivered(id, at);
          },
        },
      },
    };
    await expect(deliverOutboxEvents(failingFirstMark, policy)).rejects.toThrow("connection lost");
    // The first mark's failure is heard once the second event is answered; the third was never sent.
    expect(ids.map((id) => h.webhooks.filter((w) => w.id === id).length)).toEqual([1, 1, 0]);
    for (const id of ids) expect(await outbox.get(id)).toMatchObject({ status: "pending", attempts: 0 });
    // Their claims were given back: the next pass sends all three at once, not after the lease.
    expect(await h.deliver()).toBe(3);
  });

  it("logs a lane cut off by a lost database as service_unavailable, not as a bare driver Error", async () => {
    await h.deliver();
    await h.ctx.store.metering.record({ events: [event("evt-lost-db-1", "operator", "op-a")] });
    const lostConnection = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const outbox = h.ctx.store.outbox;
    const databaseGone = {
      ...h.ctx,
      store: { ...h.ctx.store, outbox: { ...outbox, claimDue: async () => Promise.reject(lostConnection) } },
    };
    const before = h.logs.length;
    // The translation the running PF gives its lanes (main.ts).
    const lanes = createOutboxLanes(databaseGone, policy, 50, { translateError: translateConnectionLoss });
    expect(await lanes.dispatch()).toBe(1);
    await lanes.drain();
    const laneFailures = h.logs.slice(before).filter((line) => line.includes("outbox lane failed"));
    expect(laneFailures).toHaveLength(1);
    expect(JSON.parse(laneFailures[0] ?? "{}")).toMatchObject({
      target: "op-a",
      error: "ServiceUnavailableError",
      code: "service_unavailable",
    });
    // Nothing was sent or lost: the event is delivered once the database answers again.
    expect(await outbox.get("evt-lost-db-1")).toMatchObject({ status: "pending", attempts: 0 });
    expect(await h.deliver()).toBe(1);
  });

  it("gives back the claim of an event whose send a shutdown cut short, so it is due again at once", async () => {
    await whileOpBHangs(async (hanging) => {
      await h.ctx.store.metering.record({ events: [event("evt-abandon-1", "operator", "op-b")] });
      const lanes = createOutboxLanes(h.ctx, { ...policy, timeoutMs: 60_000 });
      await lanes.dispatch(new AbortController().signal);
      await until(() => hanging.open.length === 1);
      const now = new Date().toISOString();
      // Held by the lane still sending: no other worker sees it.
      expect(await h.ctx.store.outbox.listDue(now, 10, { targetKind: "operator", targetId: "op-b" })).toEqual(
        [],
      );
      await lanes.abandon();
      const due = await h.ctx.store.outbox.listDue(now, 10, { targetKind: "operator", targetId: "op-b" });
      expect(due.map((e) => e.id)).toEqual(["evt-abandon-1"]);
    });
  });

  it("gives up on a receiver that hangs past the timeout, marking the event dead with its last error", async () => {
    await whileOpBHangs(async () => {
      await h.ctx.store.metering.record({ events: [event("evt-dead-1", "operator", "op-b")] });
      await deliverOutboxEvents(h.ctx, { ...policy, timeoutMs: 200, maxAttempts: 1 });
      expect(await h.ctx.store.outbox.get("evt-dead-1")).toMatchObject({
        status: "dead",
        attempts: 1,
        lastError: "TimeoutError",
      });
      const exposition = await h.ctx.metrics.service.registry.metrics();
      expect(exposition).toMatch(
        /pf_outbox_deliveries_total\{target_kind="operator",target_id="op-b",outcome="dead",service="pf-server"\} 1/,
      );
      expect(exposition).toMatch(
        /pf_outbox_backlog\{target_kind="operator",target_id="op-b",state="dead",service="pf-server"\} 1/,
      );
    });
  });

  it("counts each destination's deliveries and its oldest pending event in the metrics", async () => {
    await h.deliver();
    await h.ctx.store.metering.record({ events: [event("evt-count-1", "provider", "prov-test")] });
    const before = await h.ctx.metrics.service.registry.getSingleMetricAsString("pf_outbox_deliveries_total");
    const delivered = (text: string) =>
      Number(
        /pf_outbox_deliveries_total\{target_kind="provider",target_id="prov-test",outcome="delivered",service="pf-server"\} (\d+)/.exec(
          text,
        )?.[1] ?? 0,
      );
    const oldest = await h.ctx.metrics.service.registry.getSingleMetricAsString(
      "pf_outbox_oldest_pending_age_seconds",
    );
    expect(oldest).toMatch(/target_id="prov-test",service="pf-server"\} \d/);
    await h.deliver();
    const after = await h.ctx.metrics.service.registry.getSingleMetricAsString("pf_outbox_deliveries_total");
    expect(delivered(after)).toBe(delivered(before) + 1);
  });
});

describe("the lease of a claim", () => {
  it("lasts long enough to try every claimed event up to its timeout when the policy sets no lease", () => {
    expect(leaseMsOf(policy, 50)).toBe(50 * 3000 + 30_000);
  });

  it("lasts the policy's lease when it sets one, so a dead instance's events are due again sooner", () => {
    expect(leaseMsOf({ ...policy, leaseMs: 5000 }, 50)).toBe(5000);
  });
});
