import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PfStore } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { createSharedRateLimits, type SharedRateLimits } from "./shared-rate-limits.ts";

// Two PF instances: two stores on one database file, with the installation's one secret.
const NOW = Date.parse("2026-05-01T00:00:00Z");
const CHALLENGES = { capacity: 30, refillPerSecond: 0.5 };
let dir: string;
let stores: PfStore[];
let first: SharedRateLimits;
let second: SharedRateLimits;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pf-limits-"));
  const file = join(dir, "pf.sqlite");
  stores = [createSqliteStore(file), createSqliteStore(file)];
  const secret = randomBytes(32);
  first = createSharedRateLimits((stores[0] as PfStore).rateLimits, secret);
  second = createSharedRateLimits((stores[1] as PfStore).rateLimits, secret);
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("shared rate limits", { timeout: 60_000 }, () => {
  it("gives a terminal balanced across two instances one bucket: the 31st challenge is refused, retry after 2 s", async () => {
    for (let i = 0; i < 15; i++) {
      expect(await first.bucket("tv", CHALLENGES).take("stb-1", NOW)).toEqual({ allowed: true });
      expect(await second.bucket("tv", CHALLENGES).take("stb-1", NOW)).toEqual({ allowed: true });
    }
    expect(await first.bucket("tv", CHALLENGES).take("stb-1", NOW)).toEqual({
      allowed: false,
      retryAfterSeconds: 2,
    });
    expect(await second.bucket("tv", CHALLENGES).take("stb-1", NOW + 2_000)).toEqual({ allowed: true });
  });

  it("answers the per-certificate PIN-less limit's retry-after as the token bucket did (one start per 30 s)", async () => {
    const limit = { capacity: 6, refillPerSecond: 1 / 30 };
    for (let i = 0; i < 6; i++) await first.bucket("pinless", limit).take("0a1b2c", NOW);
    expect(await second.bucket("pinless", limit).take("0a1b2c", NOW)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    });
    expect(await first.bucket("pinless", limit).take("0a1b2c", NOW + 12_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 18,
    });
  });

  it("keeps one terminal's buckets of different limits apart", async () => {
    const one = { capacity: 1, refillPerSecond: 0.01 };
    expect((await first.bucket("tv", one).take("stb-1", NOW)).allowed).toBe(true);
    expect((await first.bucket("reception", one).take("stb-1", NOW)).allowed).toBe(true);
    expect((await first.bucket("tv", one).take("stb-1", NOW)).allowed).toBe(false);
  });

  it("counts failures at either instance in one window", async () => {
    const logins = (limits: SharedRateLimits) => limits.failures("admin-login", 900_000);
    for (let i = 0; i < 3; i++) await logins(first).record("id:admin", NOW);
    await logins(second).record("id:admin", NOW + 1_000);
    expect(await logins(first).window("id:admin", NOW + 2_000)).toEqual({
      failures: 4,
      endsAtMs: NOW + 900_000,
    });
    await logins(second).clear("id:admin");
    expect(await logins(first).window("id:admin", NOW + 2_000)).toBeUndefined();
  });

  it("stores neither the terminal ID, the serial nor the login ID in clear", async () => {
    await first.bucket("tv", CHALLENGES).take("stb-living-room", NOW);
    await first.bucket("pinless", CHALLENGES).take("00c0ffee1234", NOW);
    await first.failures("admin-login", 900_000).record("id:yamada", NOW);
    const raw = new Database(join(dir, "pf.sqlite"), { readonly: true });
    try {
      const keys = [
        ...raw.prepare("SELECT key FROM rate_limit_buckets").all(),
        ...raw.prepare("SELECT key FROM failure_windows").all(),
      ].map((row) => (row as { key: string }).key);
      expect(keys).toHaveLength(3);
      for (const key of keys) {
        expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
        for (const subject of ["stb", "living", "c0ffee", "yamada"]) expect(key).not.toContain(subject);
      }
    } finally {
      raw.close();
    }
  });

  it("refuses a limit that could never allow a request", () => {
    expect(() => first.bucket("broken", { capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
  });
});
