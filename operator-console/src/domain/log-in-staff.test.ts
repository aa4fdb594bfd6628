import { loginFailureWindowEndedBefore, throttleKeys } from "@catv/service-kit/login-throttle";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginFailures } from "../db/schema.ts";
import { ConsoleError } from "../errors.ts";
import { createHarness, type Harness } from "../test-support/harness.ts";
import { logInStaff } from "./log-in-staff.ts";

const minute = 60_000;
const start = new Date("2026-06-15T03:00:00.000Z");

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ householdsPerTown: 1 });
});
afterAll(() => h.close());
beforeEach(async () => {
  // Each test starts past every window the previous ones opened.
  start.setTime(start.getTime() + 60 * minute);
  h.clock.now = new Date(start);
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
/** Failures already counted against the address (each real attempt costs a full scrypt verification). */
const failedBefore = async (count: number, clientAddress: string) => {
  const [, addressKey] = throttleKeys("-", clientAddress);
  const now = h.clock.now.getTime();
  for (let i = 0; i < count; i++) {
    await h.repos.loginFailures.countFailure(
      addressKey.hash,
      h.clock.now.toISOString(),
      loginFailureWindowEndedBefore(now),
    );
  }
};
const at = (minutes: number) => {
  h.clock.now = new Date(start.getTime() + minutes * minute);
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
    for (let i = 0; i < 4; i++) await attempt("A-Staff", "wrong");
    expect(await attempt("a-staff", "a-staff-pass")).toBe("ok");
    const [idKey] = throttleKeys("a-staff", "-");
    expect(
      await h.repos.loginFailures.failures(idKey.hash, loginFailureWindowEndedBefore(h.clock.now.getTime())),
    ).toBe(0);
  });

  it("refuses a client address after 20 failures across login IDs, but not another address", async () => {
    await failedBefore(19, "198.51.100.7");
    expect(await attempt("made-up", "wrong", "198.51.100.7")).toBe("login_failed");
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
    expect(await attempt("made-up", "wrong", "203.0.113.9")).toBe("login_failed");
    expect(await attempt("a-staff", "a-staff-pass", "203.0.113.9")).toBe("rate_limited");
  });

  it("keeps no login ID or client address in clear in the database", async () => {
    await attempt("a-staff", "wrong", "192.0.2.77");
    const keys = h.db
      .select()
      .from(loginFailures)
      .all()
      .map((row) => row.keyHash);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain("a-staff");
      expect(key).not.toContain("192.0.2.77");
    }
  });
});
