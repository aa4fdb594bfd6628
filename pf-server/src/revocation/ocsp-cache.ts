/**
 * @module Where the OCSP checker keeps J-LIS's answers between checks: at most until the answer's nextUpdate
 * (RFC 6960 §2.4; a missing nextUpdate is not cached), and within a memory budget, least recently used first out.
 * Behind a small interface keyed by certificate ID, so several PF instances can later share one store (a database
 * table) instead of each holding its own.
 */
import { LRUCache } from "lru-cache";
import type { RevocationStatus } from "./revocation-checker.ts";

export interface OcspAnswerCache {
  /** The answer kept for this certificate, if it is still valid at `now`. */
  get(certificateId: string, now: Date): Promise<RevocationStatus | undefined>;
  /** Keeps the answer until `until` (the response's nextUpdate). */
  set(certificateId: string, status: RevocationStatus, until: Date, now: Date): Promise<void>;
  /** Answers held (for metrics and tests). */
  size(): number;
}

/** 16 MiB: some 100 000 answers at the sizes `sizeOf` reckons. */
export const DEFAULT_OCSP_CACHE_BYTES = 16 * 1024 * 1024;

interface Kept {
  status: RevocationStatus;
  until: number;
}

/** An estimate of the bytes one cached answer holds: the key, the object, and a revoked answer's strings. */
function sizeOf(value: Kept, key: string): number {
  const strings =
    value.status.status === "revoked" ? value.status.reason.length + value.status.revokedAt.length : 0;
  return 2 * (key.length + strings) + 96;
}

/** In this process's memory, with lru-cache (size-bounded LRU with per-entry TTL). */
export function createMemoryOcspCache(options: { maxBytes?: number } = {}): OcspAnswerCache {
  const cache = new LRUCache<string, Kept>({
    maxSize: options.maxBytes ?? DEFAULT_OCSP_CACHE_BYTES,
    sizeCalculation: sizeOf,
    // Expired answers are dropped when touched; nextUpdate is also checked against the caller's clock below.
    ttlAutopurge: false,
  });
  return {
    async get(certificateId, now) {
      const kept = cache.get(certificateId);
      if (!kept) return undefined;
      if (kept.until <= now.getTime()) {
        cache.delete(certificateId);
        return undefined;
      }
      return kept.status;
    },
    async set(certificateId, status, until, now) {
      const ttl = until.getTime() - now.getTime();
      if (ttl <= 0) return;
      cache.set(certificateId, { status, until: until.getTime() }, { ttl });
    },
    size: () => cache.size,
  };
}
