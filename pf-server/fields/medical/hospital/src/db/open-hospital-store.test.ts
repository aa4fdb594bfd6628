import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDatabase } from "@catv/postgres";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { silentLogger } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHospitalStore } from "./open-hospital-store.ts";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "hospital-open-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the hospital's database DATABASE_URL chooses", () => {
  it("refuses at a second PostgreSQL instance a terminal assertion used at the first", async () => {
    const choice = chooseDatabase(database.url, join(dir, "unused.sqlite"));
    const [a, b] = [
      await openHospitalStore(choice, silentLogger),
      await openHospitalStore(choice, silentLogger),
    ];
    const now = Date.now();
    expect(await a.terminalReplay.remember("rcp-0001:jti-1", now + 240_000, now)).toBe(true);
    expect(await b.terminalReplay.remember("rcp-0001:jti-1", now + 240_000, now)).toBe(false);
    await a.close();
    await b.close();
  });

  it("is the SQLite file when no URL is given", async () => {
    const opened = await openHospitalStore(
      chooseDatabase(undefined, join(dir, "hospital.sqlite")),
      silentLogger,
    );
    expect(await opened.store.staff.count()).toBe(0);
    expect(opened.translateError).toBeUndefined();
    await opened.close();
  });

  it("reads a lost PostgreSQL connection as service_unavailable", async () => {
    const opened = await openHospitalStore(
      chooseDatabase(database.url, join(dir, "unused.sqlite")),
      silentLogger,
    );
    await opened.close();
    const error = await opened.store.staff.count().catch((e: unknown) => e as Error);
    expect(opened.translateError?.(error as Error)).toMatchObject({
      code: "service_unavailable",
      status: 503,
    });
  });
});
