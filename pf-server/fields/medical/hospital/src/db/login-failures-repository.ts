/**
 * @module Failed staff logins per hashed key in fixed windows, on SQLite (`LoginFailuresRepository` of
 * `@catv/service-kit/login-throttle`; the PostgreSQL form is postgres/login-failures-repository.ts).
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { HospitalDb } from "./open-hospital-db.ts";
import { loginFailures } from "./schema.ts";

export function createSqliteLoginFailures(db: HospitalDb): Synchronous<LoginFailuresRepository> {
  return {
    failures(keyHash, endedBefore) {
      const row = db
        .select({ failures: loginFailures.failures })
        .from(loginFailures)
        .where(and(eq(loginFailures.keyHash, keyHash), gte(loginFailures.windowStartedAt, endedBefore)))
        .get();
      return row?.failures ?? 0;
    },
    countFailure(keyHash, at, endedBefore) {
      // One statement: SQLite takes the write lock for it, so two failures never read the same count.
      const over = sql`${loginFailures.windowStartedAt} < ${endedBefore}`;
      return db
        .insert(loginFailures)
        .values({ keyHash, failures: 1, windowStartedAt: at })
        .onConflictDoUpdate({
          target: loginFailures.keyHash,
          set: {
            failures: sql`CASE WHEN ${over} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${over} THEN ${at} ELSE ${loginFailures.windowStartedAt} END`,
          },
        })
        .returning({ failures: loginFailures.failures, windowStartedAt: loginFailures.windowStartedAt })
        .get();
    },
    uncountFailure(keyHash, windowStartedAt) {
      db.update(loginFailures)
        .set({ failures: sql`${loginFailures.failures} - 1` })
        .where(
          and(
            eq(loginFailures.keyHash, keyHash),
            eq(loginFailures.windowStartedAt, windowStartedAt),
            gt(loginFailures.failures, 0),
          ),
        )
        .run();
    },
    clear(keyHash) {
      db.delete(loginFailures).where(eq(loginFailures.keyHash, keyHash)).run();
    },
    deleteEnded(endedBefore, limit) {
      const ended = lt(loginFailures.windowStartedAt, endedBefore);
      const some = db.select({ keyHash: loginFailures.keyHash }).from(loginFailures).where(ended);
      const where = limit === undefined ? ended : inArray(loginFailures.keyHash, some.limit(limit));
      return db.delete(loginFailures).where(where).run().changes;
    },
  };
}
