/**
 * @module Retention (docs/operations.md): the PF's rows that only grow are removed once no rule needs them.
 * Sessions a day after they ended (refresh token expired or revoked: the access tokens bound to them died
 * within ten minutes); retired refresh-token hashes once the token they were could no longer be used; challenges
 * registration sessions and reception recognitions a day after expiry (kept that long so a support question by
 * request ID can still be answered); terminal-assertion IDs once their assertion is too old to be accepted; audit rows after the
 * operator's retention period, archived to a file first and deleted only once the file is on disk.
 * One PF instance runs it at a time (a lease in the database); the others skip the pass.
 */
import type { Logger } from "@catv/service-kit";
import { addSeconds, type Clock } from "../platform/clock.ts";
import type { AuditRow, PfStore } from "../storage/repositories.ts";

export interface RetentionPolicy {
  /** Days an ended session is kept (PF_SESSION_RETENTION_DAYS). */
  endedSessionDays: number;
  /** Days audit rows are kept before they are archived and deleted (PF_AUDIT_RETENTION_DAYS). */
  auditDays: number;
  /** How long a refresh token lives: a hash retired longer ago than this is useless. */
  refreshTokenSeconds: number;
  /** Audit rows archived per file, and files per pass (a pass stays short; the next one goes on). */
  auditBatchSize?: number;
  auditBatchesPerPass?: number;
}

/** Where archived audit rows go before they leave the database. */
export interface AuditArchive {
  /** Writes the rows durably (flushed to disk) and answers where; the same rows again give the same file. */
  write(rows: AuditRow[]): Promise<string>;
}

export interface PruneReport {
  skipped?: "another instance holds the lease";
  endedSessions: number;
  retiredRefreshTokens: number;
  challenges: number;
  registrationSessions: number;
  recognitions: number;
  terminalAssertionIds: number;
  auditRowsArchived: number;
  archives: string[];
}

const DAY = 86400;
/** Challenges, registration sessions and recognitions are kept this long past expiry (support by request ID). */
const EXPIRED_CHALLENGE_KEEP_SECONDS = DAY;
const LEASE_SECONDS = 600;

export async function pruneExpiredData(
  deps: { store: PfStore; clock: Clock; logger: Logger; archive: AuditArchive },
  policy: RetentionPolicy,
  holder: string,
): Promise<PruneReport> {
  const { store, clock } = deps;
  const now = clock.now();
  const report: PruneReport = {
    endedSessions: 0,
    retiredRefreshTokens: 0,
    challenges: 0,
    registrationSessions: 0,
    recognitions: 0,
    terminalAssertionIds: 0,
    auditRowsArchived: 0,
    archives: [],
  };
  const leased = await store.retention.tryLease(
    "prune",
    holder,
    now.toISOString(),
    addSeconds(now, LEASE_SECONDS).toISOString(),
  );
  if (!leased) return { ...report, skipped: "another instance holds the lease" };

  const ago = (seconds: number) => addSeconds(now, -seconds).toISOString();
  report.endedSessions = await store.retention.deleteEndedSessions(ago(policy.endedSessionDays * DAY));
  report.retiredRefreshTokens = await store.sessions.deleteRetiredRefreshTokens(
    ago(policy.refreshTokenSeconds),
  );
  report.challenges = await store.challenges.deleteExpiredChallenges(ago(EXPIRED_CHALLENGE_KEEP_SECONDS));
  report.registrationSessions = await store.retention.deleteExpiredRegistrationSessions(
    ago(EXPIRED_CHALLENGE_KEEP_SECONDS),
  );
  // A reception's recognition lives minutes (the eligibility checks it allows); then only its audit rows matter.
  report.recognitions = await store.recognitions.deleteExpiredRecognitions(
    ago(EXPIRED_CHALLENGE_KEEP_SECONDS),
  );
  report.terminalAssertionIds = await store.replayGuard.sweepExpired(now);

  const auditBefore = ago(policy.auditDays * DAY);
  for (let batch = 0; batch < (policy.auditBatchesPerPass ?? 20); batch += 1) {
    const rows = await store.retention.listAuditRowsBefore(auditBefore, policy.auditBatchSize ?? 10_000);
    const last = rows.at(-1);
    if (!last) break;
    report.archives.push(await deps.archive.write(rows));
    report.auditRowsArchived += await store.retention.deleteAuditRowsUpTo(last.seq, auditBefore);
  }
  return report;
}
