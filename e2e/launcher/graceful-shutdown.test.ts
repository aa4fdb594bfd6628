/**
 * SIGTERM while the PF's outbox worker is sending a webhook: the event reaches its receiver exactly once,
 * whether the worker finishes it before the process exits or the drain bound cuts it short and the next start
 * sends it again. Real processes (the PF started by the launcher) and a real receiver standing in for the
 * facility provider's webhook endpoint.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DemoCredentials } from "./demo-credentials.ts";
import { type RunningSystem, startSystem } from "./system.ts";
import { freeServicePorts } from "./testing/free-ports.ts";

interface Receipt {
  webhookId: string;
  type: string;
  request: IncomingMessage;
  response: ServerResponse;
  /** Answered 2xx to a PF that was still there to read it. */
  acknowledged: boolean;
}

/** The provider's webhook endpoint: records every settlement event; `hold` keeps the answer back. */
async function startReceiver() {
  const receipts: Receipt[] = [];
  const state = { hold: true };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const type = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type: string }).type;
      const receipt: Receipt = {
        webhookId: String(request.headers["webhook-id"]),
        type,
        request,
        response,
        acknowledged: false,
      };
      if (type === "settlement.issued") receipts.push(receipt);
      if (!state.hold || type !== "settlement.issued") answer(receipt);
    });
  });
  const answer = (receipt: Receipt) => {
    if (receipt.request.socket.destroyed) return;
    receipt.response.writeHead(204).end(() => {
      receipt.acknowledged = true;
    });
  };
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return {
    port: (server.address() as AddressInfo).port,
    receipts,
    state,
    answer,
    close: () => new Promise((closed) => server.close(closed)),
  };
}

let system: RunningSystem | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await system?.stop();
  await receiver?.close();
});

async function startPf(drainMs: number) {
  receiver = await startReceiver();
  system = await startSystem({
    dataDir: mkdtempSync(join(tmpdir(), "catv-drain-")),
    only: ["pf"],
    // The facility provider's port is the receiver's: the PF's seeded webhook URL for it then points there.
    env: {
      ...(await freeServicePorts({ FACILITY_PORT: receiver.port })),
      PF_OUTBOX_POLL_MS: "100",
      CATV_SHUTDOWN_DRAIN_MS: String(drainMs),
    },
    minStartupSeconds: 240,
  });
  return { system, receiver };
}

/** An operator's (empty) monthly settlement, which the PF relays to the facility provider through the outbox. */
async function sendSettlement(running: RunningSystem) {
  const credentials = JSON.parse(readFileSync(running.credentialsPath, "utf8")) as DemoCredentials;
  const operator = credentials.operators[0]!;
  const response = await fetch(`${running.urls.pf}/v1/operator/settlements`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${operator.apiKey}`,
      "content-type": "application/json",
      "idempotency-key": `settlement:${operator.id}:2026-11:prov-facility`,
    },
    body: JSON.stringify({
      month: "2026-11",
      providerId: "prov-facility",
      recordsCollected: 0,
      reversals: 0,
      grossYen: 0,
      collectionFeeYen: 0,
      netPayableYen: 0,
      records: [],
    }),
  });
  expect(response.status).toBe(202);
}

async function settlementEvents(running: RunningSystem) {
  const credentials = JSON.parse(readFileSync(running.credentialsPath, "utf8")) as DemoCredentials;
  const response = await fetch(`${running.urls.pf}/v1/admin/outbox?limit=500`, {
    headers: { authorization: `Bearer ${credentials.pfAdminToken}` },
  });
  const { events } = (await response.json()) as {
    events: Array<{ id: string; type: string; status: string; attempts: number }>;
  };
  return events.filter((e) => e.type === "settlement.issued");
}

describe("SIGTERM while the PF is delivering an outbox event", { timeout: 600_000 }, () => {
  it("finishes the delivery before exiting 0, and the restarted PF does not send it again", async () => {
    const { system, receiver } = await startPf(10_000);
    await sendSettlement(system);
    await vi.waitFor(() => expect(receiver.receipts).toHaveLength(1), { timeout: 30_000, interval: 50 });

    const stopped = system.stopService("pf");
    await new Promise((later) => setTimeout(later, 500));
    receiver.answer(receiver.receipts[0]!);
    await stopped;
    expect(system.services.get("pf")?.lastExit).toEqual({ exitCode: 0, signal: null });
    expect(receiver.receipts[0]?.acknowledged).toBe(true);

    receiver.state.hold = false;
    await system.startService("pf");
    await new Promise((later) => setTimeout(later, 2_000));
    expect(receiver.receipts).toHaveLength(1);
    expect(await settlementEvents(system)).toEqual([expect.objectContaining({ status: "delivered" })]);
  });

  it("leaves a delivery the drain bound cut short pending, and the restarted PF delivers it once", async () => {
    const { system, receiver } = await startPf(1_000);
    await sendSettlement(system);
    await vi.waitFor(() => expect(receiver.receipts).toHaveLength(1), { timeout: 30_000, interval: 50 });

    // The receiver never answers this one: the PF gives up at the drain bound, exits 1, marks nothing.
    await system.stopService("pf");
    expect(system.services.get("pf")?.lastExit).toEqual({ exitCode: 1, signal: null });

    receiver.state.hold = false;
    await system.startService("pf");
    await vi.waitFor(() => expect(receiver.receipts).toHaveLength(2), { timeout: 30_000, interval: 50 });
    // One attempt on record, the one that succeeded: the send cut short counted as no failed attempt.
    await vi.waitFor(async () =>
      expect(await settlementEvents(system)).toEqual([
        expect.objectContaining({ status: "delivered", attempts: 1, lastError: null }),
      ]),
    );
    await new Promise((later) => setTimeout(later, 1_000));
    const [cut, delivered] = receiver.receipts;
    expect(delivered?.webhookId).toBe(cut?.webhookId);
    expect(receiver.receipts.filter((r) => r.acknowledged)).toHaveLength(1);
    expect(receiver.receipts).toHaveLength(2);
  });
});
