import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDatabase } from "@catv/postgres";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { silentLogger } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHealthStore } from "./open-health-store.ts";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "healthcare-open-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the healthcare database DATABASE_URL chooses", () => {
  it("is the SQLite file when no URL is given, with the in-memory replay guard", async () => {
    const opened = await openHealthStore(
      chooseDatabase(undefined, join(dir, "healthcare.sqlite")),
      silentLogger,
    );
    expect(opened.replayStore).toBeUndefined();
    expect(await opened.store.usage.list()).toEqual([]);
    await opened.close();
  });

  it("refuses at a second PostgreSQL instance a PF assertion used at the first", async () => {
    const choice = chooseDatabase(database.url, join(dir, "unused.sqlite"));
    const [a, b] = [await openHealthStore(choice, silentLogger), await openHealthStore(choice, silentLogger)];
    const now = Date.now();
    expect(await a.replayStore!.remember("jti-1", now + 60_000, now)).toBe(true);
    expect(await b.replayStore!.remember("jti-1", now + 60_000, now)).toBe(false);
    await a.close();
    await b.close();
  });

  it("reads a lost PostgreSQL connection as service_unavailable", async () => {
    const opened = await openHealthStore(
      chooseDatabase(database.url, join(dir, "unused.sqlite")),
      silentLogger,
    );
    await opened.close();
    const error = await opened.store.usage.list().catch((e: unknown) => e as Error);
    expect(opened.translateError?.(error as Error)).toMatchObject({
      code: "service_unavailable",
      status: 503,
    });
  });
});
