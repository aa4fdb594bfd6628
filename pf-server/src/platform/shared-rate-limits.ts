/**
 * @module Rate limits shared by every PF instance on one database: token buckets (`capacity` requests in a burst,
 * then `refillPerSecond`) and failures counted in fixed windows, each a row decided by one atomic statement of the
 * store (`RateLimitRepository`), with the values and the `retry-after` of the buckets each process used to keep. A row's key is an HMAC-SHA-256, under a per-installation secret,
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

/** Failures of one named kind per subject, in a fixed window from the first failure. */
export interface FailureCounter {
  /** The subject's failures in its window open at `nowMs` (0 without one), and when that window ends. */
  window(subject: string, nowMs: number): Promise<{ failures: number; endsAtMs: number } | undefined>;
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
      return {
        async take(subject, nowMs) {
          const taken = await store.take(keyOf(name, subject), limit, nowMs);
          if (taken.allowed) return taken;
          return { allowed: false, retryAfterSeconds: Math.ceil((1 - taken.tokens) / limit.refillPerSecond) };
        },
      };
    },
    failures(name, windowMs) {
      return {
        window: (subject, nowMs) => store.failureWindow(keyOf(name, subject), nowMs),
        record: (subject, nowMs) => store.recordFailure(keyOf(name, subject), windowMs, nowMs),
        clear: (subject) => store.clearFailures(keyOf(name, subject)),
      };
    },
  };
}
