import { afterEach, describe, expect, it } from "vitest";
import {
  checkStaffPassword,
  loginFailureSweepBatch,
  loginFailureWindowEndedBefore,
  maxLoginFailures,
  throttledLogin,
  throttleKeys,
} from "./login-throttle.ts";
import {
  openSqliteLoginFailures,
  type SqliteLoginFailures,
} from "./testing/sqlite-login-failures-fixture.ts";

const minute = 60_000;
const now = new Date("2026-06-01T09:00:00.000Z");
const input = { loginId: "Staff-1", clientAddress: "192.0.2.1", now };
const wrong = async () => undefined;
const right = async () => "staff-1";

let opened: SqliteLoginFailures[] = [];
/** The windows on an empty SQLite database of their own (the shared repository, held to its contract apart). */
function openWindows() {
  const windows = openSqliteLoginFailures();
  opened.push(windows);
  return windows;
}
afterEach(() => {
  for (const { sqlite } of opened) sqlite.close();
  opened = [];
});
const failuresOf = (windows: SqliteLoginFailures, keyHash: string, at = now) =>
  windows.repository.failures(keyHash, loginFailureWindowEndedBefore(at.getTime()));
const rowCount = (windows: SqliteLoginFailures) =>
  (windows.sqlite.prepare("SELECT count(*) AS n FROM login_failures").get() as { n: number }).n;

describe("throttleKeys", () => {
  it("hashes the login ID (whatever its case) and the address apart, so neither is kept in clear", () => {
    const [id, address] = throttleKeys("Staff-1", "192.0.2.1");
    expect(id.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(id.hash).toBe(throttleKeys("staff-1", "-")[0].hash);
    // A login ID that reads like an address is still another key.
    expect(throttleKeys("192.0.2.1", "-")[0].hash).not.toBe(address.hash);
    expect([id.max, address.max]).toEqual([maxLoginFailures.loginId, maxLoginFailures.clientAddress]);
  });
});

describe("throttledLogin", () => {
  it("checks no password once the login ID has used its failures, and counts nothing for the refusal", async () => {
    const windows = openWindows();
    for (let i = 0; i < maxLoginFailures.loginId; i++) {
      expect(await throttledLogin(windows.repository, input, wrong)).toEqual({ outcome: "refused" });
    }
    let checked = false;
    const checkedRight = async () => {
      checked = true;
      return "staff-1";
    };
    expect(await throttledLogin(windows.repository, input, checkedRight)).toEqual({
      outcome: "rate_limited",
    });
    expect(checked).toBe(false);
    const [, address] = throttleKeys(input.loginId, input.clientAddress);
    expect(await failuresOf(windows, address.hash)).toBe(maxLoginFailures.loginId);
  });

  it("lets a locked login ID try again once its 15-minute window is over, not before", async () => {
    const windows = openWindows();
    for (let i = 0; i < maxLoginFailures.loginId; i++) await throttledLogin(windows.repository, input, wrong);
    const later = (minutes: number) => ({ ...input, now: new Date(now.getTime() + minutes * minute) });
    expect(await throttledLogin(windows.repository, later(14), right)).toEqual({ outcome: "rate_limited" });
    expect(await throttledLogin(windows.repository, later(15.01), right)).toEqual({
      outcome: "accepted",
      staff: "staff-1",
    });
  });

  it("refuses a client address after 20 failures across login IDs, but not another address", async () => {
    const windows = openWindows();
    for (let i = 0; i < maxLoginFailures.clientAddress; i++) {
      const attempt = { ...input, loginId: `made-up-${i}` };
      expect(await throttledLogin(windows.repository, attempt, wrong)).toEqual({ outcome: "refused" });
    }
    expect(await throttledLogin(windows.repository, input, right)).toEqual({ outcome: "rate_limited" });
    const elsewhere = { ...input, clientAddress: "192.0.2.2" };
    expect(await throttledLogin(windows.repository, elsewhere, right)).toEqual({
      outcome: "accepted",
      staff: "staff-1",
    });
  });

  it("checks at most five passwords for a login ID however many attempts arrive at once", async () => {
    const windows = openWindows();
    let checks = 0;
    const counted = async () => {
      checks += 1;
      return undefined;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 2 * maxLoginFailures.loginId }, () =>
        throttledLogin(windows.repository, input, counted),
      ),
    );
    expect(checks).toBe(maxLoginFailures.loginId);
    expect(outcomes.filter((o) => o.outcome === "rate_limited")).toHaveLength(maxLoginFailures.loginId);
    expect(await throttledLogin(windows.repository, input, right)).toEqual({ outcome: "rate_limited" });
  });

  it("forgets the login ID's failures and takes back the address's count on a success", async () => {
    const windows = openWindows();
    await throttledLogin(windows.repository, input, wrong);
    expect(await throttledLogin(windows.repository, input, right)).toEqual({
      outcome: "accepted",
      staff: "staff-1",
    });
    const [id, address] = throttleKeys(input.loginId, input.clientAddress);
    expect(await failuresOf(windows, id.hash)).toBe(0);
    expect(await failuresOf(windows, address.hash)).toBe(1);
  });

  it("keeps no login ID or client address in clear in the database", async () => {
    const windows = openWindows();
    await throttledLogin(windows.repository, input, wrong);
    const keys = windows.sqlite.prepare("SELECT key_hash FROM login_failures").all() as {
      key_hash: string;
    }[];
    expect(keys).toHaveLength(2);
    for (const { key_hash } of keys) {
      expect(key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key_hash.toLowerCase()).not.toContain("staff-1");
      expect(key_hash).not.toContain("192.0.2.1");
    }
  });

  it("sweeps at most one batch of ended windows per counted attempt when asked to", async () => {
    const windows = openWindows();
    const earlier = new Date(now.getTime() - 20 * minute);
    for (let i = 0; i < loginFailureSweepBatch + 5; i++) {
      await windows.repository.countFailure(
        `ended-${i}`,
        earlier.toISOString(),
        loginFailureWindowEndedBefore(earlier.getTime()),
      );
    }
    await throttledLogin(windows.repository, input, wrong);
    expect(rowCount(windows)).toBe(loginFailureSweepBatch + 5 + 2);
    await throttledLogin(windows.repository, input, wrong, { sweepEnded: true });
    expect(rowCount(windows)).toBe(5 + 2);
  });
});

describe("checkStaffPassword", () => {
  const staff = { loginId: "staff-1", passwordHash: "stored-hash-of-right" };
  /** Checks with hashing that shows which hash the password was checked against, and what was refused. */
  const check = async (found: typeof staff | undefined, password: string) => {
    const checkedAgainst: string[] = [];
    const reasons: string[] = [];
    const passwords = {
      verifyPassword: async (given: string, stored: string) => {
        checkedAgainst.push(stored);
        return stored === `stored-hash-of-${given}`;
      },
      dummyHash: async () => "dummy-hash",
    };
    const result = await checkStaffPassword(found, password, passwords, (reason) => reasons.push(reason));
    return { result, checkedAgainst, reasons };
  };

  it("returns the staff member whose stored hash the password matches", async () => {
    expect(await check(staff, "right")).toEqual({
      result: staff,
      checkedAgainst: ["stored-hash-of-right"],
      reasons: [],
    });
  });

  it("refuses a wrong password and says so", async () => {
    expect(await check(staff, "wrong")).toEqual({
      result: undefined,
      checkedAgainst: ["stored-hash-of-right"],
      reasons: ["password"],
    });
  });

  it("checks an unknown login ID's password against the dummy hash before refusing it", async () => {
    expect(await check(undefined, "right")).toEqual({
      result: undefined,
      checkedAgainst: ["dummy-hash"],
      reasons: ["unknown_id"],
    });
  });
});
