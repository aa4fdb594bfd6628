/**
 * @module PostgreSQL storage of failed staff logins per hashed key, in fixed windows (`LoginFailuresRepository`),
 * shared by every console on the database.
 */
import { and, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { LoginFailuresRepository } from "../../domain/repositories.ts";
import type { PgDb } from "./database.ts";
import { loginFailures } from "./schema.ts";

export function createPgLoginFailuresRepository(db: PgDb): LoginFailuresRepository {
  return {
    async failures(keyHash, endedBefore) {
      const [row] = await db
        .select({ failures: loginFailures.failures })
        .from(loginFailures)
        .where(and(eq(loginFailures.keyHash, keyHash), gte(loginFailures.windowStartedAt, endedBefore)));
      return row?.failures ?? 0;
    },
    async countFailure(keyHash, at, endedBefore) {
      // INSERT … ON CONFLICT DO UPDATE locks the key's row, so concurrent failures from several consoles are
      // counted one after another, each returning its own count; the SET reads the row as it was before.
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
    async deleteEnded(endedBefore) {
      const result = await db.delete(loginFailures).where(lt(loginFailures.windowStartedAt, endedBefore));
      return result.rowCount ?? 0;
    },
  };
}
