/**
 * @module PostgreSQL implementation of the shared rate limits and the OCSP answers' shared level: each decision one
 * upsert with RETURNING, which PostgreSQL serialises on the row, so concurrent requests at several PF instances are
 * all counted and none is lost. Held to the store's contract suite (`../store.contract.ts`).
 */
import { and, asc, count, eq, gt, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { OcspAnswerRepository, RateLimitRepository } from "../repositories.ts";
import { changed, type PgDb } from "./database.ts";
import * as t from "./schema.ts";

export function createPgRateLimits(db: PgDb): RateLimitRepository {
  const b = t.rateLimitBuckets;
  const w = t.failureWindows;
  return {
    async take(key, { capacity, refillPerSecond }, nowMs) {
      // As in SQLite: the bucket refilled for the time since its last request, then one token taken when there is
      // one; every SET expression reads the row as it was (and locked), so `last_refused` tells this decision.
      const now = sql`${nowMs}::bigint`;
      const cap = sql`${capacity}::float8`;
      const refill = sql`${refillPerSecond}::float8`;
      const refilled = sql`LEAST(${cap}, ${b.tokens} + (GREATEST(0, ${now} - ${b.updatedAt})::float8 / 1000.0::float8) * ${refill})`;
      const left = sql`(CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END)`;
      const [row] = await db
        .insert(b)
        .values({
          key,
          tokens: capacity - 1,
          updatedAt: nowMs,
          fullAt: nowMs + 1000 / refillPerSecond,
          lastRefused: false,
        })
        .onConflictDoUpdate({
          target: b.key,
          set: {
            tokens: left,
            updatedAt: now,
            fullAt: sql`${now} + (${cap} - ${left}) / ${refill} * 1000.0::float8`,
            lastRefused: sql`(${refilled} < 1)`,
          },
        })
        .returning({ tokens: b.tokens, lastRefused: b.lastRefused });
      if (!row) throw new Error("the rate-limit upsert returned no row");
      return row.lastRefused ? { allowed: false, tokens: row.tokens } : { allowed: true };
    },
    async failureWindow(key, nowMs) {
      const [row] = await db
        .select({ failures: w.failures, endsAtMs: w.endsAt })
        .from(w)
        .where(and(eq(w.key, key), gte(w.endsAt, nowMs)));
      return row;
    },
    async recordFailure(key, windowMs, nowMs) {
      const ended = sql`(${w.endsAt} < ${nowMs}::bigint)`;
      const [row] = await db
        .insert(w)
        .values({ key, failures: 1, endsAt: nowMs + windowMs })
        .onConflictDoUpdate({
          target: w.key,
          set: {
            failures: sql`CASE WHEN ${ended} THEN 1 ELSE ${w.failures} + 1 END`,
            endsAt: sql`CASE WHEN ${ended} THEN ${nowMs + windowMs}::bigint ELSE ${w.endsAt} END`,
          },
        })
        .returning({ failures: w.failures });
      return row?.failures ?? 1;
    },
    async clearFailures(key) {
      await db.delete(w).where(eq(w.key, key));
    },
    async sweepExpired(now) {
      const at = now.getTime();
      return (
        changed(await db.delete(b).where(lte(b.fullAt, at))) +
        changed(await db.delete(w).where(lt(w.endsAt, at)))
      );
    },
  };
}

export function createPgOcspAnswers(db: PgDb): OcspAnswerRepository {
  const o = t.ocspAnswers;
  return {
    async get(key, nowMs) {
      const [row] = await db
        .select({ status: o.status, reason: o.reason, revokedAt: o.revokedAt, expiresAtMs: o.expiresAt })
        .from(o)
        .where(and(eq(o.key, key), gt(o.expiresAt, nowMs)));
      return row;
    },
    async put(key, answer) {
      const values = {
        status: answer.status,
        reason: answer.reason,
        revokedAt: answer.revokedAt,
        expiresAt: answer.expiresAtMs,
      };
      await db
        .insert(o)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: o.key, set: values });
    },
    async sweep(nowMs, maxRows) {
      const expired = changed(await db.delete(o).where(lte(o.expiresAt, nowMs)));
      const [total] = await db.select({ n: count() }).from(o);
      const rows = total?.n ?? 0;
      if (rows <= maxRows) return { expired, evicted: 0 };
      const soonest = db
        .select({ key: o.key })
        .from(o)
        .orderBy(asc(o.expiresAt))
        .limit(rows - maxRows);
      const evicted = changed(await db.delete(o).where(inArray(o.key, soonest)));
      return { expired, evicted };
    },
  };
}
