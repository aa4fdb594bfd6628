/**
 * @module Failed administrator logins limited per login ID and per client address (OWASP Authentication Cheat
 * Sheet): five tries per ID, twenty per address, in a 15-minute window, kept in the PF process's memory.
 */
const WINDOW_MS = 15 * 60_000;
const maxFailures = (key: string) => (key.startsWith("ip:") ? 20 : 5);
/** Past this many keys, windows that have ended are forgotten (made-up login IDs must not grow memory). */
const SWEEP_ABOVE_KEYS = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();
  isBlocked(key: string, now: number): boolean {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) return false;
    return entry.count >= maxFailures(key);
  }
  fail(key: string, now: number): void {
    if (this.failures.size >= SWEEP_ABOVE_KEYS) {
      for (const [k, e] of this.failures) if (now - e.since > WINDOW_MS) this.failures.delete(k);
    }
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) this.failures.set(key, { count: 1, since: now });
    else entry.count++;
  }
  reset(key: string): void {
    this.failures.delete(key);
  }
}
