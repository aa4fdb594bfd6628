/**
 * @module Fixed-window counters on SQLite, written once for every system that keeps them: a table builder
 * (`fixedWindowCounters`) and one repository (`LoginFailuresRepository` of `./login-throttle.ts`) over any table it
 * makes. The staff-login failure windows are its `login_failures` table, which each system's schema.ts re-exports so
 * drizzle-kit generates it into that system's migrations; a system builds further counters from it (the insurers'
 * registration-page call limits). The PostgreSQL form is `@catv/postgres/login-failures`.
 */
import type { RunResult } from "better-sqlite3";
import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { type BaseSQLiteDatabase, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { LoginFailuresRepository } from "./login-throttle.ts";

/**
 * A table of fixed-window counters: one row per key (a SHA-256, never the counted value in clear) with its count and
 * the instant its window began, and an index on that instant for the sweep of ended windows. Every table it makes
 * has the same columns, so the one repository (`createSqliteFixedWindowCounters`) serves them all.
 *
 * @example export const registrationCallWindows = fixedWindowCounters("registration_call_windows");
 */
export function fixedWindowCounters<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      keyHash: text("key_hash").primaryKey(),
      // "failures" for every counter: the name login_failures was created with, kept so no migration renames it.
      failures: integer("failures").notNull(),
      windowStartedAt: text("window_started_at").notNull(),
    },
    (t) => [index(`${name}_window_idx`).on(t.windowStartedAt)],
  );
}

/** Any table `fixedWindowCounters` makes. */
export type FixedWindowCountersTable = ReturnType<typeof fixedWindowCounters<string>>;

/**
 * Failed staff logins per key in fixed 15-minute windows, shared by every instance on the database. The key is a
 * SHA-256 of the login ID or the client address: neither is in clear.
 */
export const loginFailures = fixedWindowCounters("login_failures");

/** better-sqlite3 answers at once: the repository's methods, returning their results instead of promises. */
export type SynchronousLoginFailuresRepository = {
  [K in keyof LoginFailuresRepository]: LoginFailuresRepository[K] extends (
    ...args: infer A
  ) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/**
 * The repository over any table `fixedWindowCounters` makes (`countFailure` counts whatever the table counts).
 *
 * @example registrationCalls: createSqliteFixedWindowCounters(db, schema.registrationCallWindows)
 */
export function createSqliteFixedWindowCounters<S extends Record<string, unknown>>(
  db: BaseSQLiteDatabase<"sync", RunResult, S>,
  table: FixedWindowCountersTable,
): SynchronousLoginFailuresRepository {
  return {
    failures(keyHash, endedBefore) {
      const row = db
        .select({ failures: table.failures })
        .from(table)
        .where(and(eq(table.keyHash, keyHash), gte(table.windowStartedAt, endedBefore)))
        .get();
      return row?.failures ?? 0;
    },
    countFailure(keyHash, at, endedBefore) {
      // One statement: SQLite takes the write lock for it, so two failures never read the same count.
      const over = sql`${table.windowStartedAt} < ${endedBefore}`;
      return db
        .insert(table)
        .values({ keyHash, failures: 1, windowStartedAt: at })
        .onConflictDoUpdate({
          target: table.keyHash,
          set: {
            failures: sql`CASE WHEN ${over} THEN 1 ELSE ${table.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${over} THEN ${at} ELSE ${table.windowStartedAt} END`,
          },
        })
        .returning({ failures: table.failures, windowStartedAt: table.windowStartedAt })
        .get();
    },
    uncountFailure(keyHash, windowStartedAt) {
      db.update(table)
        .set({ failures: sql`${table.failures} - 1` })
        .where(
          and(eq(table.keyHash, keyHash), eq(table.windowStartedAt, windowStartedAt), gt(table.failures, 0)),
        )
        .run();
    },
    clear(keyHash) {
      db.delete(table).where(eq(table.keyHash, keyHash)).run();
    },
    deleteEnded(endedBefore, limit) {
      const ended = lt(table.windowStartedAt, endedBefore);
      const some = db.select({ keyHash: table.keyHash }).from(table).where(ended);
      const where = limit === undefined ? ended : inArray(table.keyHash, some.limit(limit));
      return db.delete(table).where(where).run().changes;
    },
  };
}

/**
 * The staff-login failure windows' repository: the fixed-window counters over `loginFailures`.
 *
 * @example loginFailures: createSqliteLoginFailures(db, schema.loginFailures)
 */
export const createSqliteLoginFailures: <S extends Record<string, unknown>>(
  db: BaseSQLiteDatabase<"sync", RunResult, S>,
  table: typeof loginFailures,
) => SynchronousLoginFailuresRepository = createSqliteFixedWindowCounters;
