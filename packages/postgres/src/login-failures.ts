/**
 * @module The staff-login failure windows (`LoginFailuresRepository` of `@catv/service-kit/login-throttle`) on
 * PostgreSQL, written once for every system that keeps them: the `login_failures` table, which each system's
 * postgres/schema.ts re-exports so drizzle-kit generates it into that system's migrations, and the repository over
 * it, shared by every instance on the database. The SQLite form is `@catv/service-kit/login-failures-sqlite`.
 */
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { index, integer, type PgDatabase, type PgQueryResultHKT, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Failed staff logins per key in fixed 15-minute windows, shared by every instance on the database. The key is a
 * SHA-256 of the login ID or the client address: neither is in clear.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    keyHash: text("key_hash").primaryKey(),
    failures: integer("failures").notNull(),
    windowStartedAt: text("window_started_at").notNull(),
  },
  (t) => [index("login_failures_window_idx").on(t.windowStartedAt)],
);

/**
 * `db` is a database or a transaction (a store's SERIALIZABLE transaction runs a conflicting statement again).
 *
 * @example loginFailures: createPgLoginFailures(db, schema.loginFailures)
 */
export function createPgLoginFailures<S extends Record<string, unknown>>(
  db: PgDatabase<PgQueryResultHKT, S>,
  table: typeof loginFailures,
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
