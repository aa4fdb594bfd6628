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
  siteKind: "remote",
  refreshTokenHash: `hash-${id}`,
  refreshExpiresAt: "2030-01-01T00:00:00.000Z",
  revokedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});
const event = { id: "evt-1", targetKind: "operator" as const, targetId: "op-1", type: "t", payload: "{}" };
const meter = { tenantId: "op-1", month: "2026-01", metric: "login.pin" };

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

describe("recording a certificate revocation", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const person = { id: "psn_1", birthDate: "1980-01-01", createdAt: at, updatedAt: at };
  const account = (verifierId: string, accountId: string) => ({
    verifierId,
    personId: person.id,
    accountId,
    linkStatus: "pending" as const,
    consentTextVersion: "v1",
    consentAcceptedAt: at,
    registeredAt: at,
    updatedAt: at,
  });
  const certificate = (serialHex: string, kind: "sign" | "auth") => ({
    serialHex,
    kind,
    personId: person.id,
    notAfter: "2030-01-01T00:00:00.000Z",
    status: "active" as const,
    createdAt: at,
  });
  /** One person with an account at an operator (cable-1) and one at an insurer. */
  async function registerPerson(certificates: ReturnType<typeof certificate>[]) {
    await store.people.saveRegistration({
      person,
      isNewPerson: true,
      account: account("op-1", "cable-1"),
      isNewAccount: true,
      certificates,
    });
    await store.people.saveRegistration({
      person,
      isNewPerson: false,
      account: account("ins-1", "pfid-1"),
      isNewAccount: true,
      certificates: [],
    });
  }

  it("records once, ending the sessions of every account of the person; the second call writes no event", async () => {
    store = createSqliteStore(":memory:");
    await registerPerson([certificate("aa01", "auth")]);
    await store.sessions.createSession(session("ses-1"));
    await store.sessions.createSession({ ...session("ses-2"), cableId: "pfid-1" });
    const first = await store.people.recordCertificateRevocation(
      { serialHex: "aa01", kind: "auth", endSessionsAt: "2026-02-01T00:00:00.000Z" },
      { events: [event] },
    );
    expect(first).toEqual({ recorded: true, sessionsEnded: 2 });
    expect((await store.sessions.getSession("ses-1"))?.revokedAt).toBe("2026-02-01T00:00:00.000Z");
    expect((await store.sessions.getSession("ses-2"))?.revokedAt).toBe("2026-02-01T00:00:00.000Z");
    const second = await store.people.recordCertificateRevocation(
      { serialHex: "aa01", kind: "auth", endSessionsAt: "2026-02-02T00:00:00.000Z" },
      { events: [{ ...event, id: "evt-2" }] },
    );
    expect(second).toEqual({ recorded: false, sessionsEnded: 0 });
    expect(await store.outbox.get("evt-2")).toBeUndefined();
    expect((await store.people.findCertificate("aa01", "auth"))?.status).toBe("revoked");
  });

  it("lists unrevoked certificates of one kind in serial order, page by page", async () => {
    store = createSqliteStore(":memory:");
    await registerPerson([certificate("c3", "auth"), certificate("b2", "sign")]);
    await store.people.addCertificates([certificate("a1", "auth")]);
    await store.people.addCertificates([certificate("d4", "auth")]);
    await store.people.recordCertificateRevocation({ serialHex: "a1", kind: "auth" });
    expect(await store.people.listUnrevokedCertificates("auth", "", 10)).toEqual([
      { serialHex: "c3", status: "superseded" },
      { serialHex: "d4", status: "active" },
    ]);
    expect(await store.people.listUnrevokedCertificates("auth", "c3", 1)).toEqual([
      { serialHex: "d4", status: "active" },
    ]);
  });
});

describe("terminal-assertion replay guard", () => {
  const at = (ms: number) => new Date(ms);

  it("remembers a new key and refuses it while it has not expired", async () => {
    store = createSqliteStore(":memory:");
    expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_000))).toBe(true);
    expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_500))).toBe(false);
  });

  it("accepts a key again once its entry has expired", async () => {
    store = createSqliteStore(":memory:");
    expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_000))).toBe(true);
    expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(5_000), at(2_001))).toBe(true);
    expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(5_000), at(3_000))).toBe(false);
  });

  it("lets exactly one of many concurrent calls with the same key through", async () => {
    store = createSqliteStore(":memory:");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => store.replayGuard.rememberIfNew("stb-1:jti-b", at(9_000), at(1_000))),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it("sweeps expired keys and keeps live ones", async () => {
    store = createSqliteStore(":memory:");
    await store.replayGuard.rememberIfNew("old", at(1_000), at(0));
    await store.replayGuard.rememberIfNew("live", at(10_000), at(0));
    expect(await store.replayGuard.sweepExpired(at(2_000))).toBe(1);
    expect(await store.replayGuard.rememberIfNew("live", at(10_000), at(2_000))).toBe(false);
  });
});
