import { afterEach, describe, expect, it } from "vitest";
import type { PfStore, Session } from "../repositories.ts";
import { createSqliteStore } from "./sqlite-store.ts";

let store: PfStore;
afterEach(() => store.close());

const session = (id: string): Session => ({
  id,
  cableId: "cable-1",
  operatorId: "op-1",
  terminalId: "stb-1",
  acr: "urn:catv:acr:pin",
  refreshTokenHash: `hash-${id}`,
  refreshExpiresAt: "2030-01-01T00:00:00.000Z",
  revokedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});
const event = { id: "evt-1", targetKind: "operator" as const, targetId: "op-1", type: "t", payload: "{}" };
const meter = { operatorId: "op-1", month: "2026-01", metric: "login.pin" };

describe("sqlite store transactions", () => {
  it("commits a change with its meters, audit row and event together", async () => {
    store = createSqliteStore(":memory:");
    await store.sessions.createSession(session("ses-1"), {
      events: [event],
      meters: [meter, meter],
      audit: [{ event: "login.pin", outcome: "success", actorKind: "terminal" }],
    });
    expect(await store.sessions.getSession("ses-1")).toEqual(session("ses-1"));
    expect(await store.metering.monthCounts("op-1", "2026-01")).toEqual({ "login.pin": 2 });
    expect(await store.metering.listAudit({ limit: 10 })).toHaveLength(1);
  });
  it("rolls back the change and its meters when a side effect fails", async () => {
    store = createSqliteStore(":memory:");
    await store.sessions.createSession(session("ses-1"), { events: [event] });
    // The same outbox event ID again violates its primary key after the session row was written.
    await expect(
      store.sessions.createSession(session("ses-2"), { meters: [meter], events: [event] }),
    ).rejects.toThrow();
    expect(await store.sessions.getSession("ses-2")).toBeUndefined();
    expect(await store.metering.monthCounts("op-1", "2026-01")).toEqual({});
  });
});
