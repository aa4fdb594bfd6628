/**
 * @module Fixed-window counters on PostgreSQL, written once for every system that keeps them: a table builder
 * (`fixedWindowCounters`) and one repository (`LoginFailuresRepository` of `@catv/service-kit/login-throttle`) over
 * any table it makes, shared by every instance on the database. The staff-login failure windows are its
 * `login_failures` table, which each system's postgres/schema.ts re-exports so drizzle-kit generates it into that
 * system's migrations; a system builds further counters from it (the insurers' registration-page call limits). The
 * SQLite form is `@catv/service-kit/login-failures-sqlite`.
 */
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { index, integer, type PgDatabase, type PgQueryResultHKT, pgTable, text } from "drizzle-orm/pg-core";

/**
 * A table of fixed-window counters: one row per key (a SHA-256, never the counted value in clear) with its count and
 * the instant its window began, and an index on that instant for the sweep of ended windows. Every table it makes
 * has the same columns, so the one repository (`createPgFixedWindowCounters`) serves them all.
 *
 * @example export const registrationCallWindows = fixedWindowCounters("registration_call_windows");
 */
export function fixedWindowCounters<N extends string>(name: N) {
  return pgTable(
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

/**
 * The repository over any table `fixedWindowCounters` makes (`countFailure` counts whatever the table counts). `db`
 * is a database or a transaction (a store's SERIALIZABLE transaction runs a conflicting statement again).
 *
 * @example registrationCalls: createPgFixedWindowCounters(db, schema.registrationCallWindows)
 */
export function createPgFixedWindowCounters<S extends Record<string, unknown>>(
  db: PgDatabase<PgQueryResultHKT, S>,
  table: FixedWindowCountersTable,
): LoginFailuresRepository {
  return {
    async failures(keyHash, endedBefore) {
      const [row] = await db
        .select({ failures: table.failures })
        .from(table)
        .where(and(eq(table.keyHash, keyHash), gte(table.windowStartedAt, endedBefore)));
      return row?.failures ?? 0;
    },
    async countFailure(keyHash, at, endedBefore) {
      // INSERT … ON CONFLICT DO UPDATE locks the key's row, so failures from several instances at once are counted
      // one after another, each returning its own count; the SET reads the row as it was before.
      const over = sql`${table.windowStartedAt} < ${endedBefore}`;
      const [row] = await db
        .insert(table)
        .values({ keyHash, failures: 1, windowStartedAt: at })
        .onConflictDoUpdate({
          target: table.keyHash,
          set: {
            failures: sql`CASE WHEN ${over} THEN 1 ELSE ${table.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${over} THEN ${at} ELSE ${table.windowStartedAt} END`,
          },
        })
        .returning({ failures: table.failures, windowStartedAt: table.windowStartedAt });
      if (!row) throw new Error("INSERT … RETURNING returned no row");
      return row;
    },
    async uncountFailure(keyHash, windowStartedAt) {
      await db
        .update(table)
        .set({ failures: sql`${table.failures} - 1` })
        .where(
          and(eq(table.keyHash, keyHash), eq(table.windowStartedAt, windowStartedAt), gt(table.failures, 0)),
        );
    },
    async clear(keyHash) {
      await db.delete(table).where(eq(table.keyHash, keyHash));
    },
    async deleteEnded(endedBefore, limit) {
      const ended = lt(table.windowStartedAt, endedBefore);
      const some = db.select({ keyHash: table.keyHash }).from(table).where(ended);
      const where = limit === undefined ? ended : inArray(table.keyHash, some.limit(limit));
      const deleted = await db.delete(table).where(where).returning({ keyHash: table.keyHash });
      return deleted.length;
    },
  };
}

/**
 * The staff-login failure windows' repository: the fixed-window counters over `loginFailures`.
 *
 * @example loginFailures: createPgLoginFailures(db, schema.loginFailures)
 */
export const createPgLoginFailures: <S extends Record<string, unknown>>(
  db: PgDatabase<PgQueryResultHKT, S>,
  table: typeof loginFailures,
) => LoginFailuresRepository = createPgFixedWindowCounters;
