/**
 * @module Where the OCSP checker keeps J-LIS's answers between checks: at most until the answer's nextUpdate
 * (RFC 6960 §2.4; a missing nextUpdate is not cached). Two levels: this process's memory (an LRU within a byte
 * budget, least recently used first out) in front of a table in the PF's database that every PF instance shares
 * (`OcspAnswerRepository`), so an answer one instance fetched serves the others; that table is keyed by an HMAC of
 * the certificate ID (no serial in clear) and bounded by a row cap and the expiry sweep (`sweepExpiredState`).
 */
import { createHmac } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { OcspAnswerRecord, OcspAnswerRepository } from "../storage/repositories.ts";
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
/** Rows the shared level keeps at most (PF_OCSP_SHARED_CACHE_MAX_ROWS): some 100 000 answers, as in memory. */
export const DEFAULT_OCSP_SHARED_CACHE_ROWS = 100_000;

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

const toRecord = (status: RevocationStatus, until: Date): OcspAnswerRecord => ({
  status: status.status,
  reason: status.status === "revoked" ? status.reason : null,
  revokedAt: status.status === "revoked" ? status.revokedAt : null,
  expiresAtMs: until.getTime(),
});

const toStatus = (record: OcspAnswerRecord): RevocationStatus =>
  record.status === "revoked"
    ? { status: "revoked", reason: record.reason ?? "unspecified", revokedAt: record.revokedAt ?? "" }
    : { status: record.status };

/**
 * Memory first, then the database: an answer found in the shared level is kept in memory until the same instant;
 * one fetched from J-LIS goes to both. `secret` keys the HMAC of the certificate ID (the same for every instance).
 */
export function createSharedOcspCache(options: {
  memory: OcspAnswerCache;
  shared: OcspAnswerRepository;
  secret: Buffer;
}): OcspAnswerCache {
  const { memory, shared, secret } = options;
  const keyOf = (certificateId: string) =>
    createHmac("sha256", secret).update("ocsp\0").update(certificateId).digest("base64url");
  return {
    async get(certificateId, now) {
      const kept = await memory.get(certificateId, now);
      if (kept) return kept;
      const record = await shared.get(keyOf(certificateId), now.getTime());
      if (!record) return undefined;
      const status = toStatus(record);
      await memory.set(certificateId, status, new Date(record.expiresAtMs), now);
      return status;
    },
    async set(certificateId, status, until, now) {
      if (until.getTime() <= now.getTime()) return;
      await memory.set(certificateId, status, until, now);
      await shared.put(keyOf(certificateId), toRecord(status, until));
    },
    size: () => memory.size(),
  };
}
