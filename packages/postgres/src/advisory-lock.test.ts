import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessExclusiveJobs, postgresExclusiveJobs, runWithAdvisoryLock } from "./advisory-lock.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

let database: TestDatabase;
// Two pools stand for two instances of a service on one database.
let instanceA: pg.Pool;
let instanceB: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  instanceA = new pg.Pool({ connectionString: database.url });
  instanceB = new pg.Pool({ connectionString: database.url });
});
afterAll(async () => {
  await Promise.all([instanceA.end(), instanceB.end()]);
  await database.drop();
});

/** A job that stays running until released, so a test can hold the lock as long as it needs. */
function heldJob() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  return {
    running,
    release,
    job: async () => {
      started();
      await released;
      return "done";
    },
  };
}

describe("runWithAdvisoryLock", () => {
  it("lets one of two instances run a job started by both at once", async () => {
    let runs = 0;
    const job = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return runs;
    };
    const results = await Promise.all([
      runWithAdvisoryLock(instanceA, "test:cleanup", job),
      runWithAdvisoryLock(instanceB, "test:cleanup", job),
    ]);
    expect(results.filter((result) => result.ran)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it("skips the job on the other instance while one runs it, and lets it run once that one finished", async () => {
    const held = heldJob();
    const holder = runWithAdvisoryLock(instanceA, "test:delivery", held.job);
    await held.running;
    expect(await runWithAdvisoryLock(instanceB, "test:delivery", async () => "second")).toEqual({
      ran: false,
    });
    held.release();
    expect(await holder).toEqual({ ran: true, value: "done" });
    expect(await runWithAdvisoryLock(instanceB, "test:delivery", async () => "second")).toEqual({
      ran: true,
      value: "second",
    });
  });

  it("does not keep two jobs of different names apart", async () => {
    const held = heldJob();
    const holder = runWithAdvisoryLock(instanceA, "test:one", held.job);
    await held.running;
    expect(await runWithAdvisoryLock(instanceB, "test:another", async () => 1)).toEqual({
      ran: true,
      value: 1,
    });
    held.release();
    await holder;
  });

  it("releases the lock when the job throws", async () => {
    await expect(
      runWithAdvisoryLock(instanceA, "test:failing", async () => {
        throw new Error("job failed");
      }),
    ).rejects.toThrow("job failed");
    expect(await runWithAdvisoryLock(instanceB, "test:failing", async () => "ran")).toEqual({
      ran: true,
      value: "ran",
    });
  });

  it("frees the lock when the instance holding it loses its connection", async () => {
    const held = heldJob();
    const holder = runWithAdvisoryLock(instanceA, "test:crashing", held.job);
    await held.running;
    const admin = new pg.Client(database.url);
    await admin.connect();
    // The holder's connection ended by the server, as when its machine dies.
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()",
    );
    await admin.end();
    expect(await runWithAdvisoryLock(instanceB, "test:crashing", async () => "taken over")).toEqual({
      ran: true,
      value: "taken over",
    });
    held.release();
    await holder;
  });
});

describe("postgresExclusiveJobs", () => {
  it("runs a named job on one of two instances at a time", async () => {
    const held = heldJob();
    const jobsA = postgresExclusiveJobs(instanceA);
    const jobsB = postgresExclusiveJobs(instanceB);
    const holder = jobsA.run("test:jobs", held.job);
    await held.running;
    expect(await jobsB.run("test:jobs", async () => 1)).toEqual({ ran: false });
    held.release();
    await holder;
  });
});

describe("inProcessExclusiveJobs", () => {
  it("skips a job while a run of the same name is under way in this process", async () => {
    const jobs = inProcessExclusiveJobs();
    const held = heldJob();
    const holder = jobs.run("cleanup", held.job);
    await held.running;
    expect(await jobs.run("cleanup", async () => 1)).toEqual({ ran: false });
    held.release();
    expect(await holder).toEqual({ ran: true, value: "done" });
    expect(await jobs.run("cleanup", async () => 2)).toEqual({ ran: true, value: 2 });
  });
});
