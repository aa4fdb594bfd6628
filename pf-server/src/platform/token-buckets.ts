/**
 * @module Token buckets by key (per terminal, per certificate): `capacity` requests in a burst, then
 * `refillPerSecond`. In memory; a bucket that has refilled is the same as none, so such buckets are dropped once
 * more than `maxKeys` are held (at most once a second), which bounds the memory of keys seen once.
 */
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenBuckets {
  readonly #limit: RateLimit;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #nextSweepAtMs = 0;

  constructor(limit: RateLimit, maxKeys = 100_000) {
    this.#limit = limit;
    this.#maxKeys = maxKeys;
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token for `key` at `nowMs`, or says how long until one is there. */
  take(key: string, nowMs: number): TakeResult {
    if (this.#buckets.size > this.#maxKeys && nowMs >= this.#nextSweepAtMs) this.#sweep(nowMs);
    const bucket = this.#refilled(this.#buckets.get(key), nowMs);
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      return {
        allowed: false,
        retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#limit.refillPerSecond),
      };
    }
    bucket.tokens -= 1;
    return { allowed: true };
  }

  #refilled(bucket: { tokens: number; at: number } | undefined, nowMs: number) {
    if (!bucket) return { tokens: this.#limit.capacity, at: nowMs };
    // A clock stepped backwards (NTP) must not drain the bucket: elapsed time is never negative.
    const elapsedSeconds = Math.max(0, nowMs - bucket.at) / 1000;
    return {
      tokens: Math.min(this.#limit.capacity, bucket.tokens + elapsedSeconds * this.#limit.refillPerSecond),
      at: nowMs,
    };
  }

  #sweep(nowMs: number) {
    this.#nextSweepAtMs = nowMs + 1000;
    for (const [key, bucket] of this.#buckets)
      if (this.#refilled(bucket, nowMs).tokens >= this.#limit.capacity) this.#buckets.delete(key);
  }
}
