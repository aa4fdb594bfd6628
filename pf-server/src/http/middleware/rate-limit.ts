/**
 * @module Per-terminal token buckets for the calls that start card operations (challenges, PIN-less start):
 * a misbehaving or compromised STB cannot flood the PF or make it query J-LIS without bound. In memory, per
 * process; the PIN-less start has its own per-certificate limit across terminals (domain/start-pinless-login.ts).
 */
import { createMiddleware } from "hono/factory";
import { fail } from "../../platform/errors.ts";
import { type RateLimit, TokenBuckets } from "../../platform/token-buckets.ts";
import type { PfEnv } from "../env.ts";

export type { RateLimit };

export function perTerminalRateLimit(limit: RateLimit) {
  const buckets = new TokenBuckets(limit);
  return createMiddleware<PfEnv>(async (c, next) => {
    const taken = buckets.take(c.get("terminal").terminalId, c.get("ctx").clock.now().getTime());
    if (!taken.allowed) {
      c.header("retry-after", String(taken.retryAfterSeconds));
      throw fail("rate_limited", undefined, { retryAfterSeconds: taken.retryAfterSeconds });
    }
    await next();
  });
}
