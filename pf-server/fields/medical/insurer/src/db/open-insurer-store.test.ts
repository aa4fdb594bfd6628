import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDatabase } from "@catv/postgres";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { silentLogger } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openInsurerStore } from "./open-insurer-store.ts";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "insurer-open-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the periodic pass at two instances at once. A pass that runs holds on until the other instance's attempt has
 * been decided (or 2 s have passed, should both run), so the two attempts surely overlap.
 */
async function runTogether(jobs: [ReturnType<typeof openInsurerStore>, ReturnType<typeof openInsurerStore>]) {
  const [a, b] = await Promise.all(jobs);
  let running = 0;
  let most = 0;
  const decided: Promise<unknown>[] = [];
  const passAt = (other: number) => async () => {
    running += 1;
    most = Math.max(most, running);
    await Promise.race([decided[other], new Promise((resolve) => setTimeout(resolve, 2_000))]);
    running -= 1;
  };
  decided[0] = a.jobs.run("medical-insurer:link-states", passAt(1));
  decided[1] = b.jobs.run("medical-insurer:link-states", passAt(0));
  const results = (await Promise.all(decided)) as { ran: boolean }[];
  await a.close();
  if (b !== a) await b.close();
  return { ran: results.filter((r) => r.ran).length, most };
}

describe("the insurers' database DATABASE_URL chooses", () => {
  it("runs the periodic pass on one PostgreSQL instance at a time", async () => {
    const choice = chooseDatabase(database.url, join(dir, "unused.sqlite"));
    const outcome = await runTogether([
      openInsurerStore(choice, silentLogger),
      openInsurerStore(choice, silentLogger),
    ]);
    expect(outcome).toEqual({ ran: 1, most: 1 });
  });

  it("runs one pass at a time on SQLite's one process", async () => {
    const opened = openInsurerStore(
      chooseDatabase(undefined, join(dir, "medical-insurer.sqlite")),
      silentLogger,
    );
    expect(await runTogether([opened, opened])).toEqual({ ran: 1, most: 1 });
  });

  it("reads a lost PostgreSQL connection as service_unavailable", async () => {
    const opened = await openInsurerStore(
      chooseDatabase(database.url, join(dir, "unused.sqlite")),
      silentLogger,
    );
    await opened.close();
    const error = await opened.store.insurers.list().catch((e: unknown) => e as Error);
    expect(opened.translateError?.(error as Error)).toMatchObject({
      code: "service_unavailable",
      status: 503,
    });
  });
});
