import { CodedError, createMemoryLogger } from "@catv/service-kit";
import {
  loginFailureSweepBatch,
  loginFailureWindowEndedBefore,
  throttleKeys,
} from "@catv/service-kit/login-throttle";
import type { Database } from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openHospitalDb } from "../db/open-hospital-db.ts";
import { sqliteHospitalStore } from "../db/sqlite-store.ts";
import { hashPassword } from "./hash-password.ts";
import { logInStaff } from "./log-in-staff.ts";
import type { HospitalStore } from "./ports.ts";

// The limit's own mechanics (windows, per-address counts, concurrent attempts, hashed keys) are tested once with
// the rule in @catv/service-kit (login-throttle.test.ts); this file holds the hospital's wiring of it.
const minute = 60_000;
const start = new Date("2026-06-15T03:00:00.000Z");
const clock = { now: new Date(start) };

let sqlite: Database;
let store: HospitalStore;
beforeAll(async () => {
  const opened = openHospitalDb(":memory:");
  sqlite = opened.sqlite;
  store = sqliteHospitalStore(opened.sqlite, opened.db);
  await store.staff.create({
    loginId: "uketsuke",
    displayName: "受付",
    role: "staff",
    // A cheap scrypt cost: the parameters travel in the hash, and login verifies with them.
    passwordHash: await hashPassword("uketsuke-pass", { logN: 10 }),
  });
});
afterAll(() => sqlite.close());
beforeEach(() => {
  // Each test starts past every window the previous ones opened.
  start.setTime(start.getTime() + 60 * minute);
  clock.now = new Date(start);
  logger.lines.length = 0;
});

const logger = createMemoryLogger("hospital");
const attempt = (loginId: string, password: string, clientAddress = "192.0.2.10") =>
  logInStaff(
    { store, now: () => clock.now, logger },
    { loginId, password, clientAddress, requestId: "req-test" },
  ).then(
    () => "ok",
    (error: unknown) => (error instanceof CodedError ? error.code : Promise.reject(error)),
  );
const windows = () => (sqlite.prepare("SELECT count(*) AS n FROM login_failures").get() as { n: number }).n;

const logged = () => logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logInStaff", () => {
  it("logs a staff member in and audits it without the password or the client address", async () => {
    const { token, staff } = await logInStaff(
      { store, now: () => clock.now, logger },
      { loginId: "uketsuke", password: "uketsuke-pass", clientAddress: "192.0.2.44", requestId: "req-login" },
    );
    expect(staff.loginId).toBe("uketsuke");
    expect(token).toMatch(/^[\w-]{43}$/);
    const [entry] = await store.audit.recent(1);
    expect(entry).toMatchObject({ actor: "uketsuke", action: "staff.login", patientNumber: null });
    expect(JSON.stringify(entry)).not.toContain("uketsuke-pass");
    expect(JSON.stringify(entry)).not.toContain("192.0.2.44");
  });

  it("refuses a wrong password as login_failed and logs why without the login ID", async () => {
    expect(await attempt("uketsuke", "wrong")).toBe("login_failed");
    expect(logged()).toMatchObject([{ level: "warn", msg: "staff login failed", reason: "password" }]);
    expect(logger.lines.join("\n")).not.toContain("uketsuke");
  });

  it("refuses a login ID as rate_limited after five failures within 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("uketsuke", "wrong")).toBe("login_failed");
    clock.now = new Date(start.getTime() + 14 * minute);
    expect(await attempt("uketsuke", "uketsuke-pass")).toBe("rate_limited");
  });

  it("sweeps a bounded batch of windows that are over with each attempt it counts", async () => {
    const earlier = new Date(start.getTime() - 20 * minute).toISOString();
    const endedBefore = loginFailureWindowEndedBefore(start.getTime() - 20 * minute);
    const ended = loginFailureSweepBatch + 10;
    sqlite.exec("DELETE FROM login_failures");
    for (let i = 0; i < ended; i++) {
      await store.loginFailures.countFailure(throttleKeys(`made-up-${i}`, "-")[0].hash, earlier, endedBefore);
    }
    expect(await attempt("uketsuke", "wrong", "198.51.100.20")).toBe("login_failed");
    // Two windows opened (the login ID's and the address's), a full batch of ended ones swept.
    expect(windows()).toBe(ended + 2 - loginFailureSweepBatch);
    expect(await attempt("uketsuke", "wrong", "198.51.100.20")).toBe("login_failed");
    expect(windows()).toBe(2);
  });
});
