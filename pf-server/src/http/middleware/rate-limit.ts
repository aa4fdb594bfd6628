/**
 * @module Per-terminal token buckets for the calls that start card operations (challenges, PIN-less start,
 * cross-device requests and their polls): a misbehaving or compromised STB cannot flood the PF or make it query
 * J-LIS without bound. Shared by every PF instance on the database (`platform/shared-rate-limits.ts`), so a
 * terminal balanced across N instances still gets one budget; the PIN-less start has its own per-certificate limit
 * across terminals (domain/start-pinless-login.ts).
 */
import { createMiddleware } from "hono/factory";
import { fail } from "../../platform/errors.ts";
import type { RateLimit } from "../../platform/shared-rate-limits.ts";
import type { PfEnv } from "../env.ts";

export type { RateLimit };

/** `name` tells the bucket apart from the terminal's other buckets (each route family has its own). */
export function perTerminalRateLimit(name: string, limit: RateLimit) {
  return createMiddleware<PfEnv>(async (c, next) => {
    const ctx = c.get("ctx");
    const taken = await ctx.rateLimits
      .bucket(name, limit)
      .take(c.get("terminal").terminalId, ctx.clock.now().getTime());
    if (!taken.allowed) {
      c.header("retry-after", String(taken.retryAfterSeconds));
      throw fail("rate_limited", undefined, { retryAfterSeconds: taken.retryAfterSeconds });
    }
    await next();
  });
}
