/**
 * @module Failed staff logins per hashed key in fixed windows, on PostgreSQL (`LoginFailuresRepository` of
 * `@catv/service-kit/login-throttle`), shared by every instance on the database.
 */
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { InsurerPg } from "./pg-repositories.ts";
import { loginFailures } from "./schema.ts";

export function createPgLoginFailures(db: InsurerPg): LoginFailuresRepository {
  return {
    async failures(keyHash, endedBefore) {
      const [row] = await db
        .select({ failures: loginFailures.failures })
        .from(loginFailures)
        .where(and(eq(loginFailures.keyHash, keyHash), gte(loginFailures.windowStartedAt, endedBefore)));
      return row?.failures ?? 0;
    },
    async countFailure(keyHash, at, endedBefore) {
      // INSERT … ON CONFLICT DO UPDATE locks the key's row, so failures from several instances at once are counted
      // one after another, each returning its own count (a SERIALIZABLE conflict is run again by the store).
      const over = sql`${loginFailures.windowStartedAt} < ${endedBefore}`;
      const [row] = await db
        .insert(loginFailures)
        .values({ keyHash, failures: 1, windowStartedAt: at })
        .onConflictDoUpdate({
          target: loginFailures.keyHash,
          set: {
            failures: sql`CASE WHEN ${over} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${over} THEN ${at} ELSE ${loginFailures.windowStartedAt} END`,
          },
        })
        .returning({ failures: loginFailures.failures, windowStartedAt: loginFailures.windowStartedAt });
      if (!row) throw new Error("INSERT … RETURNING returned no row");
      return row;
    },
    async uncountFailure(keyHash, windowStartedAt) {
      await db
        .update(loginFailures)
        .set({ failures: sql`${loginFailures.failures} - 1` })
        .where(
          and(
            eq(loginFailures.keyHash, keyHash),
            eq(loginFailures.windowStartedAt, windowStartedAt),
            gt(loginFailures.failures, 0),
          ),
        );
    },
    async clear(keyHash) {
      await db.delete(loginFailures).where(eq(loginFailures.keyHash, keyHash));
    },
    async deleteEnded(endedBefore, limit) {
      const ended = lt(loginFailures.windowStartedAt, endedBefore);
      const some = db.select({ keyHash: loginFailures.keyHash }).from(loginFailures).where(ended);
      const where = limit === undefined ? ended : inArray(loginFailures.keyHash, some.limit(limit));
      const deleted = await db
        .delete(loginFailures)
        .where(where)
        .returning({ keyHash: loginFailures.keyHash });
      return deleted.length;
    },
  };
}
