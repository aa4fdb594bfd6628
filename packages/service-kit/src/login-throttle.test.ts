import { describe, expect, it } from "vitest";
import {
  type LoginFailuresRepository,
  loginFailureSweepBatch,
  maxLoginFailures,
  throttledLogin,
  throttleKeys,
} from "./login-throttle.ts";

/** The repository's behaviour in a Map (the systems' SQLite and PostgreSQL forms pass the same contract suite). */
function windowsInMemory() {
  const rows = new Map<string, { failures: number; windowStartedAt: string }>();
  const repository: LoginFailuresRepository = {
    failures: async (keyHash, endedBefore) => {
      const row = rows.get(keyHash);
      return row && row.windowStartedAt >= endedBefore ? row.failures : 0;
    },
    countFailure: async (keyHash, at, endedBefore) => {
      const row = rows.get(keyHash);
      const next =
        row && row.windowStartedAt >= endedBefore
          ? { failures: row.failures + 1, windowStartedAt: row.windowStartedAt }
          : { failures: 1, windowStartedAt: at };
      rows.set(keyHash, next);
      return { ...next };
    },
    uncountFailure: async (keyHash, windowStartedAt) => {
      const row = rows.get(keyHash);
      if (row && row.windowStartedAt === windowStartedAt && row.failures > 0) row.failures -= 1;
    },
    clear: async (keyHash) => {
      rows.delete(keyHash);
    },
    deleteEnded: async (endedBefore, limit = Number.POSITIVE_INFINITY) => {
      let deleted = 0;
      for (const [key, row] of rows) {
        if (deleted >= limit) break;
        if (row.windowStartedAt < endedBefore) {
          rows.delete(key);
          deleted += 1;
        }
      }
      return deleted;
    },
  };
  return { rows, repository };
}

const now = new Date("2026-06-01T09:00:00.000Z");
const input = { loginId: "Staff-1", clientAddress: "192.0.2.1", now };

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
    const { rows, repository } = windowsInMemory();
    const wrong = async () => undefined;
    for (let i = 0; i < maxLoginFailures.loginId; i++) {
      expect(await throttledLogin(repository, input, wrong)).toEqual({ outcome: "refused" });
    }
    let checked = false;
    const right = async () => {
      checked = true;
      return "staff-1";
    };
    expect(await throttledLogin(repository, input, right)).toEqual({ outcome: "rate_limited" });
    expect(checked).toBe(false);
    const [, address] = throttleKeys(input.loginId, input.clientAddress);
    expect(rows.get(address.hash)?.failures).toBe(maxLoginFailures.loginId);
  });

  it("forgets the login ID's failures and takes back the address's count on a success", async () => {
    const { rows, repository } = windowsInMemory();
    await throttledLogin(repository, input, async () => undefined);
    expect(await throttledLogin(repository, input, async () => "staff-1")).toEqual({
      outcome: "accepted",
      staff: "staff-1",
    });
    const [id, address] = throttleKeys(input.loginId, input.clientAddress);
    expect(rows.has(id.hash)).toBe(false);
    expect(rows.get(address.hash)?.failures).toBe(1);
  });

  it("sweeps at most one batch of ended windows per counted attempt when asked to", async () => {
    const { rows, repository } = windowsInMemory();
    for (let i = 0; i < loginFailureSweepBatch + 5; i++) {
      rows.set(`ended-${i}`, { failures: 1, windowStartedAt: "2026-06-01T08:00:00.000Z" });
    }
    await throttledLogin(repository, input, async () => undefined);
    expect(rows.size).toBe(loginFailureSweepBatch + 5 + 2);
    await throttledLogin(repository, input, async () => undefined, { sweepEnded: true });
    expect(rows.size).toBe(5 + 2);
  });
});
