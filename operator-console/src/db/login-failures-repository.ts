/**
 * @module Storage of failed staff logins per hashed key, in fixed windows (`LoginFailuresRepository`).
 */
import { and, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { LoginFailuresRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { loginFailures } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

export function createLoginFailuresRepository(db: Db): Synchronous<LoginFailuresRepository> {
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
      // One statement: SQLite takes the write lock for it, so two consoles' failures never read the same count.
      const over = sql`${loginFailures.windowStartedAt} < ${endedBefore}`;
      const row = db
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
      return row;
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
    deleteEnded(endedBefore) {
      return db.delete(loginFailures).where(lt(loginFailures.windowStartedAt, endedBefore)).run().changes;
    },
  };
}
