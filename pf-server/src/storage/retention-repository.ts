/**
 * @module What the retention job (`domain/prune-expired-data.ts`) needs of storage: deleting rows past their
 * retention, reading the oldest audit rows to archive them, and a lease so one PF instance prunes at a time.
 */
import type { AuditRow } from "./repositories.ts";

export interface RetentionRepository {
  /** Sessions whose refresh token expired, or that were revoked, before `before` (and their retired hashes). */
  deleteEndedSessions(before: string): Promise<number>;
  /** Registration sessions (assisted registration) that expired before `before`. */
  deleteExpiredRegistrationSessions(before: string): Promise<number>;
  /** Up to `limit` audit rows older than `before`, oldest first. */
  listAuditRowsBefore(before: string, limit: number): Promise<AuditRow[]>;
  /** Deletes audit rows with `seq` ≤ `lastSeq` and older than `before` (those archived). */
  deleteAuditRowsUpTo(lastSeq: number, before: string): Promise<number>;
  /**
   * Takes the lease named `job` for `holder` until `until` when nobody holds it at `now` (or `holder` does):
   * an atomic upsert, so of two instances exactly one gets it.
   */
  tryLease(job: string, holder: string, now: string, until: string): Promise<boolean>;
}
