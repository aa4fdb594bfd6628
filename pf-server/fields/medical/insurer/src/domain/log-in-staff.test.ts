import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CodedError, createMemoryLogger } from "@catv/service-kit";
import { loginFailureWindowEndedBefore, throttleKeys } from "@catv/service-kit/login-throttle";
import Database from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type InsurerDatabase, openInsurerDb } from "../db/open-insurer-db.ts";
import { createPfVerifierClient } from "../pf/pf-verifier-client.ts";
import { logInStaff } from "./log-in-staff.ts";
import { hashPassword } from "./password-hash.ts";
import type { Deps } from "./ports.ts";

const minute = 60_000;
const start = new Date("2026-06-15T03:00:00.000Z");
const clock = { now: new Date(start) };

let directory: string;
let database: InsurerDatabase;
let deps: Deps;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "insurer-login-"));
  database = openInsurerDb(join(directory, "insurer.sqlite"));
  await database.store.insurers.upsert({
    id: "ins-test",
    name: "テスト国保",
    kind: "national-health-insurance",
    insurerNumber: "069997",
    town: "酒田市",
    prefecture: "山形県",
  });
  for (const loginId of ["a-staff", "b-staff"]) {
    await database.store.staff.upsert({
      insurerId: "ins-test",
      loginId,
      // A cheap scrypt cost: the parameters travel in the hash, and login verifies with them.
      passwordHash: await hashPassword(`${loginId}-pass`, 2 ** 10),
      role: "staff",
      displayName: loginId,
    });
  }
  deps = {
    store: database.store,
    // Login never calls the PF: the client only fills the dependency.
    pf: createPfVerifierClient("http://127.0.0.1:9"),
    secrets: () => undefined,
    now: () => clock.now,
    logger: createMemoryLogger("medical-insurer"),
  };
});
afterAll(() => {
  database.close();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(() => {
  // Each test starts past every window the previous ones opened.
  start.setTime(start.getTime() + 60 * minute);
  clock.now = new Date(start);
});

const attempt = (loginId: string, password: string, clientAddress = "192.0.2.10") =>
  logInStaff(deps, { loginId, password, clientAddress, requestId: "req-test" }).then(
    () => "ok",
    (error: unknown) => (error instanceof CodedError ? error.code : Promise.reject(error)),
  );
/** Failures already counted against the address (each real attempt costs a full scrypt verification). */
const failedBefore = async (count: number, clientAddress: string) => {
  const [, addressKey] = throttleKeys("-", clientAddress);
  const now = clock.now.getTime();
  for (let i = 0; i < count; i++) {
    await database.store.loginFailures.countFailure(
      addressKey.hash,
      clock.now.toISOString(),
      loginFailureWindowEndedBefore(now),
    );
  }
};
const at = (minutes: number) => {
  clock.now = new Date(start.getTime() + minutes * minute);
};

describe("logInStaff's failure limit", () => {
  it("refuses a login ID after five failures within 15 minutes, even with the right password, and lets it try again after", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("a-staff", "wrong")).toBe("login_failed");
    at(14);
    expect(await attempt("a-staff", "a-staff-pass")).toBe("rate_limited");
    at(15.01);
    expect(await attempt("a-staff", "a-staff-pass")).toBe("ok");
  });

  it("forgets a login ID's failures once it logs in", async () => {
    for (let i = 0; i < 4; i++) await attempt("a-staff", "wrong");
    expect(await attempt("a-staff", "a-staff-pass")).toBe("ok");
    // The key ignores case: "A-Staff" is the same login ID's key.
    const [idKey] = throttleKeys("A-Staff", "-");
    const endedBefore = loginFailureWindowEndedBefore(clock.now.getTime());
    expect(await database.store.loginFailures.failures(idKey.hash, endedBefore)).toBe(0);
  });

  it("refuses a client address after 20 failures across login IDs, but not another address", async () => {
    await failedBefore(19, "198.51.100.7");
    expect(await attempt("a-staff", "wrong", "198.51.100.7")).toBe("login_failed");
    expect(await attempt("b-staff", "b-staff-pass", "198.51.100.7")).toBe("rate_limited");
    expect(await attempt("b-staff", "b-staff-pass", "198.51.100.8")).toBe("ok");
  });

  it("checks at most five passwords for a login ID however many attempts arrive at once", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt("b-staff", "wrong")));
    expect(results.filter((r) => r === "login_failed")).toHaveLength(5);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(5);
    expect(await attempt("b-staff", "b-staff-pass")).toBe("rate_limited");
  });

  it("does not count successful logins against the client address", async () => {
    await failedBefore(19, "203.0.113.9");
    for (let i = 0; i < 2; i++) expect(await attempt("a-staff", "a-staff-pass", "203.0.113.9")).toBe("ok");
    expect(await attempt("b-staff", "wrong", "203.0.113.9")).toBe("login_failed");
    expect(await attempt("a-staff", "a-staff-pass", "203.0.113.9")).toBe("rate_limited");
  });

  it("keeps no login ID or client address in clear in the database", async () => {
    await attempt("a-staff", "wrong", "192.0.2.77");
    const reader = new Database(join(directory, "insurer.sqlite"), { readonly: true });
    const rows = reader.prepare("SELECT key_hash FROM login_failures").all() as { key_hash: string }[];
    reader.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const { key_hash } of rows) {
      expect(key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key_hash).not.toContain("a-staff");
      expect(key_hash).not.toContain("192.0.2.77");
    }
  });
});
