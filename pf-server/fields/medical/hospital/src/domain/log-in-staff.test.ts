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

describe("logInStaff's failure limit", () => {
  it("refuses a login ID after five failures within 15 minutes, even with the right password, and lets it try again after", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("uketsuke", "wrong")).toBe("login_failed");
    clock.now = new Date(start.getTime() + 14 * minute);
    expect(await attempt("uketsuke", "uketsuke-pass")).toBe("rate_limited");
    clock.now = new Date(start.getTime() + 15.01 * minute);
    expect(await attempt("uketsuke", "uketsuke-pass")).toBe("ok");
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

  it("keeps no login ID or client address in clear in the database", async () => {
    await attempt("uketsuke", "wrong", "192.0.2.77");
    const rows = sqlite.prepare("SELECT key_hash FROM login_failures").all() as { key_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const { key_hash } of rows) {
      expect(key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key_hash).not.toContain("uketsuke");
      expect(key_hash).not.toContain("192.0.2.77");
    }
  });
});
