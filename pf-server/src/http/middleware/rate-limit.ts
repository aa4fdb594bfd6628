/**
 * @module Per-terminal token buckets for the calls that start card operations (challenges, PIN-less start):
 * a misbehaving or compromised STB cannot flood the PF or make it query J-LIS without bound. In-memory, as the
 * replay cache: one PF process per database.
 */
import { createMiddleware } from "hono/factory";
import { fail } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export function perTerminalRateLimit(limit: RateLimit) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return createMiddleware<PfEnv>(async (c, next) => {
    const key = c.get("terminal").terminalId;
    const now = c.get("ctx").clock.now().getTime();
    const bucket = buckets.get(key) ?? { tokens: limit.capacity, at: now };
    // A clock stepped backwards (NTP) must not drain the bucket: elapsed time is never negative.
    const elapsedSeconds = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(limit.capacity, bucket.tokens + elapsedSeconds * limit.refillPerSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / limit.refillPerSecond);
      c.header("retry-after", String(retryAfterSeconds));
      throw fail("rate_limited", undefined, { retryAfterSeconds });
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    await next();
  });
}
