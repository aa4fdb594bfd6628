/**
 * @module A replay guard: a token's ID (`jti`, RFC 7519 §4.1.7) is accepted once until the token expires, so a
 * captured token cannot be sent again within its life. Where the IDs are kept is a `ReplayStore`: in memory for one
 * process (here), or a table when several processes share a database.
 */

export interface ReplayStore {
  /**
   * Records `key` as used until `expiresAtMs`. True the first time; false while an unexpired record of it
   * exists. Atomic per key: two concurrent calls for one key never both get true.
   */
  remember(key: string, expiresAtMs: number, nowMs: number): boolean | Promise<boolean>;
}

/** How often, at most, the in-memory store forgets expired keys: forgetting on every call would cost O(keys). */
const SWEEP_INTERVAL_MS = 1000;

/** A `ReplayStore` for one process. An expired key kept until the next sweep does no harm: it is ignored. */
export class MemoryReplayStore implements ReplayStore {
  readonly #expiries = new Map<string, number>();
  #sweptAtMs = Number.NEGATIVE_INFINITY;

  /** Keys held, expired ones included until the next sweep. */
  get size(): number {
    return this.#expiries.size;
  }

  remember(key: string, expiresAtMs: number, nowMs: number): boolean {
    if (nowMs - this.#sweptAtMs >= SWEEP_INTERVAL_MS) this.#sweep(nowMs);
    const until = this.#expiries.get(key);
    if (until !== undefined && until >= nowMs) return false;
    this.#expiries.set(key, expiresAtMs);
    return true;
  }

  #sweep(nowMs: number): void {
    this.#sweptAtMs = nowMs;
    for (const [key, until] of this.#expiries) {
      if (until < nowMs) this.#expiries.delete(key);
    }
  }
}
