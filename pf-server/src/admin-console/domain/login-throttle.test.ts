import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSharedRateLimits } from "../../platform/shared-rate-limits.ts";
import type { PfStore } from "../../storage/repositories.ts";
import { createSqliteStore } from "../../storage/sqlite/sqlite-store.ts";
import { LoginThrottle } from "./login-throttle.ts";

// Two PF instances' throttles over one database.
const NOW = Date.parse("2026-05-01T09:00:00Z");
let dir: string;
let stores: PfStore[];
let first: LoginThrottle;
let second: LoginThrottle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pf-throttle-"));
  const file = join(dir, "pf.sqlite");
  stores = [createSqliteStore(file), createSqliteStore(file)];
  const secret = randomBytes(32);
  [first, second] = stores.map((s) => new LoginThrottle(createSharedRateLimits(s.rateLimits, secret))) as [
    LoginThrottle,
    LoginThrottle,
  ];
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("administrator login throttle", { timeout: 60_000 }, () => {
  it("blocks a login ID at one instance after five failures spread over two", async () => {
    for (let i = 0; i < 3; i++) await first.fail("id:admin", NOW);
    await second.fail("id:admin", NOW);
    expect(await first.isBlocked("id:admin", NOW)).toBe(false);
    await second.fail("id:admin", NOW);
    expect(await first.isBlocked("id:admin", NOW)).toBe(true);
  });

  it("allows twenty failures per address before blocking it", async () => {
    for (let i = 0; i < 19; i++) await (i % 2 ? first : second).fail("ip:198.51.100.7", NOW);
    expect(await first.isBlocked("ip:198.51.100.7", NOW)).toBe(false);
    await first.fail("ip:198.51.100.7", NOW);
    expect(await second.isBlocked("ip:198.51.100.7", NOW)).toBe(true);
  });

  it("forgets a login ID's failures 15 minutes after the first, or at a successful login", async () => {
    for (let i = 0; i < 5; i++) await first.fail("id:admin", NOW);
    expect(await second.isBlocked("id:admin", NOW + 15 * 60_000)).toBe(true);
    expect(await second.isBlocked("id:admin", NOW + 15 * 60_000 + 1)).toBe(false);
    await first.reset("id:admin");
    expect(await second.isBlocked("id:admin", NOW)).toBe(false);
  });
});
