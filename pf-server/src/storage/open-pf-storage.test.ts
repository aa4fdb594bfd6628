import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@catv/postgres/testing";
import { createMemoryLogger } from "@catv/service-kit";
import { afterAll, describe, expect, it } from "vitest";
import { pfEnvSchema } from "../config.ts";
import { openPfStorage, type PfStorage } from "./open-pf-storage.ts";

const opened: PfStorage[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  for (const cleanup of cleanups) await cleanup();
});
const logger = createMemoryLogger("pf-server");

/** Resolves after `ms`, so a job stays running while another instance tries it. */
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("choosing the PF's database", () => {
  const env = { CATV_DEMO_CREDENTIALS: "/tmp/credentials.json" };

  it("keeps pf.sqlite in the data folder when DATABASE_URL is unset", () => {
    const config = pfEnvSchema.parse({ ...env, CATV_DATA_DIR: "/srv/pf" });
    expect(config.database).toEqual({ kind: "sqlite", file: "/srv/pf/pf.sqlite" });
  });

  it("takes a postgres:// DATABASE_URL as PostgreSQL", () => {
    const config = pfEnvSchema.parse({ ...env, DATABASE_URL: "postgres://pf:secret@db.internal:5432/pf" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://pf:secret@db.internal:5432/pf" });
  });

  it("refuses a DATABASE_URL of another scheme at start", () => {
    const result = pfEnvSchema.safeParse({ ...env, DATABASE_URL: "mysql://pf@db/pf" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain("DATABASE_URL");
  });
});

describe("the PF's storage", () => {
  it("opens SQLite with jobs kept apart within the process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pf-storage-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const storage = await openPfStorage({ kind: "sqlite", file: join(dir, "pf.sqlite") }, logger);
    opened.push(storage);
    expect(storage.sqliteFile).toBe(join(dir, "pf.sqlite"));
    expect(await storage.adminAccounts.getSession("none")).toBeUndefined();
    const running = storage.jobs.run("pf:retention", () => after(100));
    expect(await storage.jobs.run("pf:retention", async () => "again")).toEqual({ ran: false });
    expect((await running).ran).toBe(true);
  });

  it("runs a scheduled job on one of two PF instances sharing a PostgreSQL database", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const [first, second] = await Promise.all([
      openPfStorage({ kind: "postgres", url: database.url }, logger),
      openPfStorage({ kind: "postgres", url: database.url }, logger),
    ]);
    opened.push(first, second);
    const running = first.jobs.run("pf:retention", () => after(300).then(() => "first"));
    await after(50);
    expect(await second.jobs.run("pf:retention", async () => "second")).toEqual({ ran: false });
    expect(await running).toEqual({ ran: true, value: "first" });
    expect(await second.jobs.run("pf:retention", async () => "second")).toEqual({
      ran: true,
      value: "second",
    });
  });

  it("keeps the administrator console's staff in the shared PostgreSQL database", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const [first, second] = await Promise.all([
      openPfStorage({ kind: "postgres", url: database.url }, logger),
      openPfStorage({ kind: "postgres", url: database.url }, logger),
    ]);
    opened.push(first, second);
    const staff = {
      loginId: "admin",
      displayName: "管理者",
      role: "admin" as const,
      passwordHash: "scrypt$…",
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    const added = await Promise.all([
      first.adminAccounts.addStaffIfAbsent(staff),
      second.adminAccounts.addStaffIfAbsent(staff),
    ]);
    expect(added.filter(Boolean)).toHaveLength(1);
    await first.adminAccounts.createSession({
      idHash: "h1",
      loginId: "admin",
      csrfToken: "c",
      createdAt: "2026-01-01T00:00:00.000Z",
      lastSeenAt: "2026-01-01T00:00:00.000Z",
    });
    expect(await second.adminAccounts.getSession("h1")).toMatchObject({ loginId: "admin" });
    expect(
      await second.adminAccounts.deleteExpiredSessions(
        "2026-01-02T00:00:00.000Z",
        "2025-01-01T00:00:00.000Z",
      ),
    ).toBe(1);
  });
});
