/**
 * @module Rate limits shared by every PF instance on one database: token buckets (`capacity` requests in a burst,
 * then `refillPerSecond`) kept as GCRA rows, and failures counted in fixed windows, each decided by one atomic
 * statement of the store (`RateLimitRepository`). A row's key is an HMAC-SHA-256, under a per-installation secret,
 * of the limit's name and its subject (a terminal ID, a certificate serial, a login ID, an address): the table
 * tells nobody which card or terminal it counts, and two limits never share a row.
 */
import { createHmac } from "node:crypto";
import type { RateLimitRepository } from "../storage/repositories.ts";

export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One named limit over a subject: `take` answers whether this request may go on. */
export interface RateLimiter {
  take(subject: string, nowMs: number): Promise<TakeResult>;
}

/** Failures of one named kind per subject, in a fixed window. */
export interface FailureCounter {
  failures(subject: string, nowMs: number): Promise<number>;
  record(subject: string, nowMs: number): Promise<number>;
  clear(subject: string): Promise<void>;
}

export interface SharedRateLimits {
  bucket(name: string, limit: RateLimit): RateLimiter;
  failures(name: string, windowMs: number): FailureCounter;
}

export function createSharedRateLimits(store: RateLimitRepository, secret: Buffer): SharedRateLimits {
  const keyOf = (name: string, subject: string) =>
    createHmac("sha256", secret).update(name).update("\0").update(subject).digest("base64url");
  return {
    bucket(name, limit) {
      if (!(limit.capacity >= 1) || !(limit.refillPerSecond > 0))
        throw new RangeError(`rate limit ${name}: capacity must be ≥ 1 and refill > 0`);
      // GCRA's emission interval and burst tolerance: exactly the token bucket's capacity and refill rate, in
      // whole milliseconds (a refill faster than 1000 a second counts as 1000).
      const intervalMs = Math.max(1, Math.round(1000 / limit.refillPerSecond));
      const bucket = { intervalMs, burstMs: limit.capacity * intervalMs };
      return {
        async take(subject, nowMs) {
          const taken = await store.take(keyOf(name, subject), bucket, nowMs);
          if (taken.allowed) return taken;
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(taken.retryAfterMs / 1000)) };
        },
      };
    },
    failures(name, windowMs) {
      return {
        failures: (subject, nowMs) => store.failures(keyOf(name, subject), nowMs),
        record: (subject, nowMs) => store.recordFailure(keyOf(name, subject), windowMs, nowMs),
        clear: (subject) => store.clearFailures(keyOf(name, subject)),
      };
    },
  };
}
