import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConsoleError } from "../errors.ts";
import { createHarness, type Harness } from "../test-support/harness.ts";
import { logInStaff } from "./log-in-staff.ts";

// The limit's own mechanics (windows, per-address counts, concurrent attempts, hashed keys) are tested once with
// the rule in @catv/service-kit (login-throttle.test.ts); this file holds the console's wiring of it.
const minute = 60_000;
const start = new Date("2026-06-15T03:00:00.000Z");

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ householdsPerTown: 1 });
});
afterAll(() => h.close());
beforeEach(() => {
  // Each test starts past every window the previous ones opened.
  start.setTime(start.getTime() + 60 * minute);
  h.clock.now = new Date(start);
  h.logs.length = 0;
});

const attempt = async (loginId: string, password: string, clientAddress = "192.0.2.10") => {
  try {
    await logInStaff(h.deps, { loginId, password, clientAddress });
    return "ok";
  } catch (error) {
    if (error instanceof ConsoleError) return error.code;
    throw error;
  }
};

describe("logInStaff", () => {
  it("logs a staff member in and audits it without the password or the client address", async () => {
    const { token, staff } = await logInStaff(h.deps, {
      loginId: "a-staff",
      password: "a-staff-pass",
      clientAddress: "192.0.2.44",
    });
    expect(staff.loginId).toBe("a-staff");
    expect(token).toMatch(/^[\w-]{43}$/);
    const [entry] = await h.repos.audit.list("op-a", { action: "staff.login", limit: 1 });
    expect(entry).toMatchObject({ staffLoginId: "a-staff", action: "staff.login", at: start.toISOString() });
    expect(JSON.stringify(entry)).not.toContain("a-staff-pass");
    expect(JSON.stringify(entry)).not.toContain("192.0.2.44");
  });

  it("refuses a wrong password as login_failed and logs why without the login ID", async () => {
    expect(await attempt("a-staff", "wrong")).toBe("login_failed");
    expect(h.logs).toEqual([{ level: "warn", msg: "login failed", fields: { reason: "password" } }]);
  });

  it("refuses an unknown login ID as login_failed, as it refuses a wrong password", async () => {
    expect(await attempt("made-up", "wrong")).toBe("login_failed");
    expect(h.logs).toEqual([{ level: "warn", msg: "login failed", fields: { reason: "unknown_id" } }]);
  });

  it("refuses a login ID as rate_limited after five failures within 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("a-staff", "wrong")).toBe("login_failed");
    h.clock.now = new Date(start.getTime() + 14 * minute);
    expect(await attempt("a-staff", "a-staff-pass")).toBe("rate_limited");
  });
});
