/**
 * @module SQLite implementation of the shared rate limits and the OCSP answers' shared level: each decision one
 * prepared statement (an upsert with RETURNING), so requests of several connections on one file are all counted;
 * SQLite's single writer serialises them. Held to the store's contract suite (`../store.contract.ts`).
 */
import { and, asc, count, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { OcspAnswerRepository, RateLimitRepository } from "../repositories.ts";
import * as t from "../schema.ts";
import type { Db } from "./database.ts";

const p = (name: string) => sql.placeholder(name);

export function createSqliteRateLimits(db: Db): RateLimitRepository {
  const b = t.rateLimitBuckets;
  const w = t.failureWindows;
  // The bucket refilled for the time since its last request, as one expression; every SET expression reads the row
  // as it was, so `last_refused` tells this statement's decision.
  const refilled = sql`min(${p("capacity")}, ${b.tokens} + (max(0, ${p("now")} - ${b.updatedAt}) / 1000.0) * ${p("refill")})`;
  const left = sql`(CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END)`;
  const take = db
    .insert(b)
    .values({
      key: p("key"),
      tokens: sql`${p("capacity")} - 1`,
      updatedAt: p("now"),
      fullAt: sql`${p("now")} + 1000.0 / ${p("refill")}`,
      lastRefused: false,
    })
    .onConflictDoUpdate({
      target: b.key,
      set: {
        tokens: left,
        updatedAt: sql`${p("now")}`,
        fullAt: sql`${p("now")} + (${p("capacity")} - ${left}) / ${p("refill")} * 1000.0`,
        lastRefused: sql`(${refilled} < 1)`,
      },
    })
    .returning({ tokens: b.tokens, lastRefused: b.lastRefused })
    .prepare();
  const failureWindow = db
    .select({ failures: w.failures, endsAtMs: w.endsAt })
    .from(w)
    .where(and(eq(w.key, p("key")), gte(w.endsAt, p("now"))))
    .prepare();
  const ended = sql`(${w.endsAt} < ${p("now")})`;
  const recordFailure = db
    .insert(w)
    .values({ key: p("key"), failures: 1, endsAt: p("endsAt") })
    .onConflictDoUpdate({
      target: w.key,
      set: {
        failures: sql`CASE WHEN ${ended} THEN 1 ELSE ${w.failures} + 1 END`,
        endsAt: sql`CASE WHEN ${ended} THEN ${p("endsAt")} ELSE ${w.endsAt} END`,
      },
    })
    .returning({ failures: w.failures })
    .prepare();
  return {
    async take(key, { capacity, refillPerSecond }, nowMs) {
      const row = take.get({ key, now: nowMs, capacity, refill: refillPerSecond });
      if (!row) throw new Error("the rate-limit upsert returned no row");
      return row.lastRefused ? { allowed: false, tokens: row.tokens } : { allowed: true };
    },
    async failureWindow(key, nowMs) {
      return failureWindow.get({ key, now: nowMs });
    },
    async recordFailure(key, windowMs, nowMs) {
      return recordFailure.get({ key, now: nowMs, endsAt: nowMs + windowMs })?.failures ?? 1;
    },
    async clearFailures(key) {
      db.delete(w).where(eq(w.key, key)).run();
    },
    async sweepExpired(now) {
      const at = now.getTime();
      return (
        db.delete(b).where(lte(b.fullAt, at)).run().changes +
        db.delete(w).where(lt(w.endsAt, at)).run().changes
      );
    },
  };
}

export function createSqliteOcspAnswers(db: Db): OcspAnswerRepository {
  const o = t.ocspAnswers;
  const get = db
    .select({ status: o.status, reason: o.reason, revokedAt: o.revokedAt, expiresAtMs: o.expiresAt })
    .from(o)
    .where(and(eq(o.key, p("key")), sql`${o.expiresAt} > ${p("now")}`))
    .prepare();
  const put = db
    .insert(o)
    .values({
      key: p("key"),
      status: p("status"),
      reason: p("reason"),
      revokedAt: p("revokedAt"),
      expiresAt: p("expiresAt"),
    })
    .onConflictDoUpdate({
      target: o.key,
      set: {
        status: sql`excluded.status`,
        reason: sql`excluded.reason`,
        revokedAt: sql`excluded.revoked_at`,
        expiresAt: sql`excluded.expires_at`,
      },
    })
    .prepare();
  return {
    async get(key, nowMs) {
      return get.get({ key, now: nowMs });
    },
    async put(key, answer) {
      put.run({
        key,
        status: answer.status,
        reason: answer.reason,
        revokedAt: answer.revokedAt,
        expiresAt: answer.expiresAtMs,
      });
    },
    async sweep(nowMs, maxRows) {
      const expired = db.delete(o).where(lte(o.expiresAt, nowMs)).run().changes;
      const rows = db.select({ n: count() }).from(o).get()?.n ?? 0;
      if (rows <= maxRows) return { expired, evicted: 0 };
      const soonest = db
        .select({ key: o.key })
        .from(o)
        .orderBy(asc(o.expiresAt))
        .limit(rows - maxRows);
      const evicted = db.delete(o).where(inArray(o.key, soonest)).run().changes;
      return { expired, evicted };
    },
  };
}
