import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@catv/service-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditArchiveFiles } from "../storage/audit-archive-files.ts";
import type { PfStore } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { type PruneReport, pruneExpiredData, type RetentionPolicy } from "./prune-expired-data.ts";

const DAY = 86400_000;
const policy: RetentionPolicy = { endedSessionDays: 1, auditDays: 365, refreshTokenSeconds: 30 * 86400 };

let store: PfStore;
let archiveDir: string;
let now: Date;
const clock = { now: () => now };

beforeEach(async () => {
  store = createSqliteStore(":memory:");
  archiveDir = await mkdtemp(join(tmpdir(), "pf-audit-archive-"));
  now = new Date();
});
afterEach(async () => {
  store.close();
  await rm(archiveDir, { recursive: true, force: true });
});

const prune = (holder = "pf-1"): Promise<PruneReport> =>
  pruneExpiredData(
    { store, clock, logger: silentLogger, archive: auditArchiveFiles(archiveDir) },
    policy,
    holder,
  );

async function session(id: string, refreshExpiresAt: Date, revokedAt?: Date) {
  await store.sessions.createSession({
    id,
    cableId: "CATV-0000-0001",
    operatorId: "op-a",
    terminalId: "stb-a-1",
    acr: "urn:catv:acr:pin",
    siteKind: "remote",
    refreshTokenHash: `hash-${id}`,
    refreshExpiresAt: refreshExpiresAt.toISOString(),
    revokedAt: null,
    createdAt: new Date(refreshExpiresAt.getTime() - 30 * DAY).toISOString(),
  });
  if (revokedAt) await store.sessions.revokeSession(id, revokedAt.toISOString());
}

describe("pruning data that only grows", () => {
  it("deletes a session a day after its refresh token expired, and not before", async () => {
    await session("ses-expired", new Date(now.getTime() + DAY));
    now = new Date(now.getTime() + 2 * DAY - 60_000);
    expect((await prune()).endedSessions).toBe(0);
    now = new Date(now.getTime() + 120_000);
    expect((await prune()).endedSessions).toBe(1);
    expect(await store.sessions.getSession("ses-expired")).toBeUndefined();
  });

  it("deletes a revoked session a day after its revocation and keeps a live one", async () => {
    await session("ses-revoked", new Date(now.getTime() + 30 * DAY), now);
    await session("ses-live", new Date(now.getTime() + 30 * DAY));
    now = new Date(now.getTime() + DAY + 60_000);
    expect((await prune()).endedSessions).toBe(1);
    expect(await store.sessions.getSession("ses-revoked")).toBeUndefined();
    expect(await store.sessions.getSession("ses-live")).toBeDefined();
  });

  it("deletes challenges a day after they expired", async () => {
    await store.challenges.createChallenge({
      id: "ch-1",
      nonce: "n",
      purpose: "login",
      tenantId: "op-a",
      terminalId: "stb-a-1",
      personId: null,
      authSerialHex: null,
      registrationSessionId: null,
      expiresAt: new Date(now.getTime() + 120_000).toISOString(),
      usedAt: null,
      createdAt: now.toISOString(),
    });
    now = new Date(now.getTime() + DAY);
    expect((await prune()).challenges).toBe(0);
    now = new Date(now.getTime() + 180_000);
    expect((await prune()).challenges).toBe(1);
    expect(await store.challenges.getChallenge("ch-1")).toBeUndefined();
  });

  it("deletes a reception's recognitions a day after they expired", async () => {
    await store.recognitions.createRecognition({
      id: "rec-1",
      terminalId: "rcp-h-1",
      siteId: "site-h-reception",
      ownerId: "hosp-h",
      personId: "psn_1",
      acr: "urn:catv:acr:pinless",
      certificateNotAfter: null,
      recognisedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 600_000).toISOString(),
    });
    now = new Date(now.getTime() + DAY);
    expect((await prune()).recognitions).toBe(0);
    now = new Date(now.getTime() + 660_000);
    expect((await prune()).recognitions).toBe(1);
    expect(await store.recognitions.getRecognition("rec-1")).toBeUndefined();
  });

  it("archives audit rows past their retention to a file only its owner can read, then deletes them", async () => {
    await session("ses-audited", new Date(now.getTime() + 30 * DAY));
    await store.sessions.revokeSession("ses-audited", now.toISOString(), {
      audit: [{ event: "logout", outcome: "success", actorKind: "viewer", requestId: "req-1" }],
    });
    const before = await store.metering.listAudit({ limit: 100 });
    expect(before).toHaveLength(1);

    now = new Date(now.getTime() + 364 * DAY);
    expect((await prune()).auditRowsArchived).toBe(0);
    now = new Date(now.getTime() + 2 * DAY);
    const report = await prune();
    expect(report.auditRowsArchived).toBe(1);
    const [archive] = report.archives;
    if (!archive) throw new Error("no archive written");
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(archive, "utf8").trim())).toEqual(before[0]);
    expect(await store.metering.listAudit({ limit: 100 })).toEqual([]);
  });

  it("lets one instance prune at a time, and another once the lease has run out", async () => {
    expect((await prune("pf-1")).skipped).toBeUndefined();
    expect((await prune("pf-2")).skipped).toBe("another instance holds the lease");
    expect((await prune("pf-1")).skipped).toBeUndefined();
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await prune("pf-2")).skipped).toBeUndefined();
  });
});
