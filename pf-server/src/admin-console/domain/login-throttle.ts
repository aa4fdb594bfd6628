/**
 * @module Failed administrator logins limited per login ID and per client address (OWASP Authentication Cheat
 * Sheet): five tries per ID, twenty per address, in a 15-minute window from the first failure. Counted in the PF's
 * database (`platform/shared-rate-limits.ts`), so every PF instance sees the same failures and a guesser gains
 * nothing by being balanced across them.
 */
import type { FailureCounter, SharedRateLimits } from "../../platform/shared-rate-limits.ts";

const WINDOW_MS = 15 * 60_000;
const maxFailures = (key: string) => (key.startsWith("ip:") ? 20 : 5);

export class LoginThrottle {
  private readonly counter: FailureCounter;
  constructor(limits: SharedRateLimits) {
    this.counter = limits.failures("admin-login", WINDOW_MS);
  }
  async isBlocked(key: string, now: number): Promise<boolean> {
    return ((await this.counter.window(key, now))?.failures ?? 0) >= maxFailures(key);
  }
  async fail(key: string, now: number): Promise<void> {
    await this.counter.record(key, now);
  }
  async reset(key: string): Promise<void> {
    await this.counter.clear(key);
  }
}
