/**
 * @module The PF-assertion replay guard (`ReplayStore` of @catv/service-kit) in PostgreSQL, so an assertion used at
 * one instance of a provider is refused at every other: one row per used `jti` (pg-schema.ts `used_assertions`),
 * claimed by a single INSERT … ON CONFLICT, which PostgreSQL makes atomic per key. Expired rows are deleted now and
 * then by the call that finds them due, so the table holds roughly the assertions of the last few minutes.
 */
import type { ReplayStore } from "@catv/service-kit";
import { lt, sql } from "drizzle-orm";
import { usedAssertionsPg } from "../pg-schema.ts";
import type { PgExecutor } from "./pg-store.ts";

/** How often, at most, one instance deletes expired IDs. */
const SWEEP_INTERVAL_MS = 60_000;

export function pgReplayStore<S extends Record<string, unknown>>(db: PgExecutor<S>): ReplayStore {
  let sweptAtMs = Number.NEGATIVE_INFINITY;
  return {
    async remember(key, expiresAtMs, nowMs) {
      if (nowMs - sweptAtMs >= SWEEP_INTERVAL_MS) {
        sweptAtMs = nowMs;
        await db.delete(usedAssertionsPg).where(lt(usedAssertionsPg.expiresAtMs, nowMs));
      }
      // A first use inserts; a use of an expired ID takes the row over; a use of a live one changes nothing.
      const claimed = await db
        .insert(usedAssertionsPg)
        .values({ jti: key, expiresAtMs })
        .onConflictDoUpdate({
          target: usedAssertionsPg.jti,
          set: { expiresAtMs },
          setWhere: sql`${usedAssertionsPg.expiresAtMs} < ${nowMs}`,
        })
        .returning({ jti: usedAssertionsPg.jti });
      return claimed.length > 0;
    },
  };
}
