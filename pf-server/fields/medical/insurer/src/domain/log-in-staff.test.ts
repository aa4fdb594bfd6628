import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CodedError, createMemoryLogger } from "@catv/service-kit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type InsurerDatabase, openInsurerDb } from "../db/open-insurer-db.ts";
import { createPfVerifierClient } from "../pf/pf-verifier-client.ts";
import { logInStaff } from "./log-in-staff.ts";
import { hashPassword } from "./password-hash.ts";
import type { Deps } from "./ports.ts";

// The limit's own mechanics (windows, per-address counts, concurrent attempts, hashed keys) are tested once with
// the rule in @catv/service-kit (login-throttle.test.ts); this file holds the insurers' system's wiring of it.
const minute = 60_000;
const start = new Date("2026-06-15T03:00:00.000Z");
const clock = { now: new Date(start) };

let directory: string;
let database: InsurerDatabase;
let deps: Deps;
let logger: ReturnType<typeof createMemoryLogger>;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "insurer-login-"));
  logger = createMemoryLogger("medical-insurer");
  database = openInsurerDb(join(directory, "insurer.sqlite"));
  await database.store.insurers.upsert({
    id: "ins-test",
    name: "テスト国保",
    kind: "national-health-insurance",
    insurerNumber: "069997",
    town: "酒田市",
    prefecture: "山形県",
  });
  await database.store.staff.upsert({
    insurerId: "ins-test",
    loginId: "a-staff",
    // A cheap scrypt cost: the parameters travel in the hash, and login verifies with them.
    passwordHash: await hashPassword("a-staff-pass", 2 ** 10),
    role: "staff",
    displayName: "a-staff",
  });
  deps = {
    store: database.store,
    // Login never calls the PF: the client only fills the dependency.
    pf: createPfVerifierClient("http://127.0.0.1:9"),
    secrets: () => undefined,
    now: () => clock.now,
    logger,
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
  logger.lines.length = 0;
});

const attempt = (loginId: string, password: string, clientAddress = "192.0.2.10") =>
  logInStaff(deps, { loginId, password, clientAddress, requestId: "req-test" }).then(
    () => "ok",
    (error: unknown) => (error instanceof CodedError ? error.code : Promise.reject(error)),
  );
const logged = () => logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logInStaff", () => {
  it("logs a staff member in and audits it without the password or the client address", async () => {
    const { token, staff } = await logInStaff(deps, {
      loginId: "a-staff",
      password: "a-staff-pass",
      clientAddress: "192.0.2.44",
      requestId: "req-login",
    });
    expect(staff.loginId).toBe("a-staff");
    expect(token).toMatch(/^[\w-]{43}$/);
    const { items } = await database.store.audit.list("ins-test", { offset: 0, limit: 1 });
    expect(items[0]).toMatchObject({ actor: "a-staff", action: "staff.login", requestId: "req-login" });
    expect(JSON.stringify(items)).not.toContain("a-staff-pass");
    expect(JSON.stringify(items)).not.toContain("192.0.2.44");
  });

  it("refuses a wrong password as login_failed and logs why without the login ID", async () => {
    expect(await attempt("a-staff", "wrong")).toBe("login_failed");
    expect(logged()).toMatchObject([{ level: "warn", msg: "login failed", reason: "password" }]);
    expect(logger.lines.join("\n")).not.toContain("a-staff");
  });

  it("refuses a login ID as rate_limited after five failures within 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("a-staff", "wrong")).toBe("login_failed");
    clock.now = new Date(start.getTime() + 14 * minute);
    expect(await attempt("a-staff", "a-staff-pass")).toBe("rate_limited");
  });
});
