import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../repositories.ts";
import { writeSideEffects } from "./database.ts";
import { openPfTestDatabase, type PfTestDatabase } from "./test-database.ts";

// Two PF instances commit audit rows in any order; the administrator's audit trail is paged "after seq N", so a
// row that commits after a higher-numbered one must not be passed over.
let testDatabase: PfTestDatabase;
beforeAll(async () => {
  testDatabase = await openPfTestDatabase();
});
afterAll(async () => {
  await testDatabase.drop();
});
beforeEach(async () => {
  await testDatabase.empty();
});

const entry = (event: string): AuditEntry => ({ event, outcome: "success", actorKind: "terminal" });

describe("the audit trail on PostgreSQL, paged across instances", () => {
  it("does not page past a row whose transaction commits after a higher-numbered one", async () => {
    const { store, opened } = testDatabase;
    let commitSlowOne!: () => void;
    const slowOneMayCommit = new Promise<void>((resolve) => {
      commitSlowOne = resolve;
    });
    let slowOneWritten!: () => void;
    const slowOneHasItsSeq = new Promise<void>((resolve) => {
      slowOneWritten = resolve;
    });
    // Instance A writes its row (taking seq 1) and is slow to commit.
    const slow = opened.db.transaction(async (tx) => {
      await writeSideEffects(tx, { audit: [entry("login.pin")] }, new Date().toISOString());
      slowOneWritten();
      await slowOneMayCommit;
    });
    await slowOneHasItsSeq;
    // Instance B writes and commits its row (seq 2) meanwhile.
    await (await testDatabase.openAnother()).metering.record({ audit: [entry("registration.new")] });

    const page = store.metering.listAudit({ limit: 10 });
    const answeredEarly = await Promise.race([page.then(() => true), sleep(300).then(() => false)]);
    commitSlowOne();
    await slow;
    const rows = await page;

    expect(answeredEarly).toBe(false);
    expect(rows.map((row) => [row.seq, row.event])).toEqual([
      [1, "login.pin"],
      [2, "registration.new"],
    ]);
  });

  it("pages on from the last row read without skipping or repeating one", async () => {
    const { store } = testDatabase;
    for (const event of ["a", "b", "c"]) await store.metering.record({ audit: [entry(event)] });
    const first = await store.metering.listAudit({ limit: 2 });
    await store.metering.record({ audit: [entry("d")] });
    const next = await store.metering.listAudit({ afterSeq: first.at(-1)?.seq, limit: 10 });
    expect([...first, ...next].map((row) => row.event)).toEqual(["a", "b", "c", "d"]);
  });
});
