/**
 * @module The one test suite of `LoginFailuresRepository` (`@catv/service-kit/login-throttle`), run against its two
 * implementations: SQLite (`@catv/service-kit/login-failures-sqlite`) and PostgreSQL (`@catv/postgres/login-failures`).
 * `peer` is the repository of a second instance on the same database.
 */
import { describe, expect, it } from "vitest";
import {
  type LoginFailuresRepository,
  loginFailureWindowEndedBefore,
  maxLoginFailures,
} from "../login-throttle.ts";

/**
 * The table as every system's drizzle-kit migrations create it, in SQL that SQLite and PostgreSQL both read, for the
 * shared repositories' own tests (each system's store tests run its real migrations).
 */
export const loginFailuresTableSql = `
  CREATE TABLE login_failures (
    key_hash text PRIMARY KEY NOT NULL,
    failures integer NOT NULL,
    window_started_at text NOT NULL
  );
  CREATE INDEX login_failures_window_idx ON login_failures (window_started_at);
`;

export interface LoginFailuresUnderTest {
  failures: LoginFailuresRepository;
  peer: LoginFailuresRepository;
}

export function describeLoginFailuresContract(
  name: string,
  open: () => Promise<LoginFailuresUnderTest>,
): void {
  describe(`${name}: failed staff logins (LoginFailuresRepository)`, () => {
    const t0 = Date.parse("2026-06-01T09:00:00.000Z");
    const minute = 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const fail = (repository: LoginFailuresRepository, key: string, at: number) =>
      repository.countFailure(key, iso(at), loginFailureWindowEndedBefore(at));
    const failuresAt = (repository: LoginFailuresRepository, key: string, at: number) =>
      repository.failures(key, loginFailureWindowEndedBefore(at));

    it("counts a key's failures in its window, apart from other keys", async () => {
      const { failures } = await open();
      expect(await fail(failures, "key-a", t0)).toEqual({ failures: 1, windowStartedAt: iso(t0) });
      expect(await fail(failures, "key-a", t0 + minute)).toEqual({ failures: 2, windowStartedAt: iso(t0) });
      await fail(failures, "key-b", t0);
      expect(await failuresAt(failures, "key-a", t0 + 15 * minute)).toBe(2);
      expect(await failuresAt(failures, "key-b", t0 + minute)).toBe(1);
      expect(await failuresAt(failures, "key-c", t0)).toBe(0);
    });

    it("starts a window again at 1 once 15 minutes have passed", async () => {
      const { failures } = await open();
      for (let i = 0; i < 5; i++) await fail(failures, "key-a", t0 + i * minute);
      const later = t0 + 15 * minute + 1;
      expect(await failuresAt(failures, "key-a", later)).toBe(0);
      expect(await fail(failures, "key-a", later)).toEqual({ failures: 1, windowStartedAt: iso(later) });
      expect(await failuresAt(failures, "key-a", later)).toBe(1);
    });

    it("gives each of two instances' failures at once a count of its own, so at most the limit fit in a window", async () => {
      const { failures, peer } = await open();
      const limit = maxLoginFailures.loginId;
      const counts = await Promise.all(
        Array.from({ length: 2 * limit }, (_, i) => fail(i % 2 ? peer : failures, "key-a", t0)),
      );
      expect(counts.filter((c) => c.failures <= limit)).toHaveLength(limit);
      expect(counts.map((c) => c.failures).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 2 * limit }, (_, i) => i + 1),
      );
      expect(await failuresAt(peer, "key-a", t0)).toBe(2 * limit);
    });

    it("counts every one of 20 failures made at once on two instances", async () => {
      const { failures, peer } = await open();
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => fail(i % 2 ? peer : failures, "key-a", t0)),
      );
      expect(new Set(counts.map((c) => c.failures)).size).toBe(20);
      expect(await failuresAt(failures, "key-a", t0)).toBe(20);
    });

    it("takes back a failure only from the window it was counted in", async () => {
      const { failures } = await open();
      await fail(failures, "key-a", t0);
      await fail(failures, "key-a", t0);
      await failures.uncountFailure("key-a", iso(t0));
      expect(await failuresAt(failures, "key-a", t0)).toBe(1);
      await failures.uncountFailure("key-a", iso(t0 - 20 * minute));
      expect(await failuresAt(failures, "key-a", t0)).toBe(1);
      await failures.uncountFailure("key-a", iso(t0));
      await failures.uncountFailure("key-a", iso(t0));
      expect(await failuresAt(failures, "key-a", t0)).toBe(0);
    });

    it("forgets a key's failures when cleared", async () => {
      const { failures } = await open();
      await fail(failures, "key-a", t0);
      await fail(failures, "key-b", t0);
      await failures.clear("key-a");
      expect(await failuresAt(failures, "key-a", t0)).toBe(0);
      expect(await failuresAt(failures, "key-b", t0)).toBe(1);
    });

    it("sweeps the windows that are over and keeps the live ones", async () => {
      const { failures } = await open();
      await fail(failures, "old-1", t0);
      await fail(failures, "old-2", t0 + minute);
      await fail(failures, "live", t0 + 10 * minute);
      const sweptAt = t0 + 16 * minute + 1;
      expect(await failures.deleteEnded(loginFailureWindowEndedBefore(sweptAt))).toBe(2);
      expect(await failuresAt(failures, "live", sweptAt)).toBe(1);
      // A swept key starts a fresh window, as an ended one would.
      expect((await fail(failures, "old-1", sweptAt)).failures).toBe(1);
    });

    it("sweeps no more ended windows than the limit it is given", async () => {
      const { failures } = await open();
      for (let i = 0; i < 5; i++) await fail(failures, `old-${i}`, t0);
      await fail(failures, "live", t0 + 10 * minute);
      const endedBefore = loginFailureWindowEndedBefore(t0 + 16 * minute);
      expect(await failures.deleteEnded(endedBefore, 3)).toBe(3);
      expect(await failures.deleteEnded(endedBefore, 3)).toBe(2);
      expect(await failures.deleteEnded(endedBefore, 3)).toBe(0);
      expect(await failuresAt(failures, "live", t0 + 16 * minute)).toBe(1);
    });
  });
}
