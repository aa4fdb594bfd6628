/**
 * @module SQLite side of the retention job. The lease lives in `key_values` as `<until ISO>|<holder>`, taken by
 * one INSERT … ON CONFLICT DO UPDATE … WHERE that succeeds only when the lease expired or is the holder's own.
 */
import { and, asc, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import type { AuditRow } from "../repositories.ts";
import type { RetentionRepository } from "../retention-repository.ts";
import * as t from "../schema.ts";
import type { Db } from "./database.ts";

export function createRetentionRepository(db: Db): RetentionRepository {
  return {
    async deleteEndedSessions(before) {
      const ended = or(
        lt(t.sessions.refreshExpiresAt, before),
        and(isNotNull(t.sessions.revokedAt), lt(t.sessions.revokedAt, before)),
      );
      return db.transaction((tx) => {
        const ids = tx
          .select({ id: t.sessions.id })
          .from(t.sessions)
          .where(ended)
          .all()
          .map((r) => r.id);
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          tx.delete(t.retiredRefreshTokens).where(inArray(t.retiredRefreshTokens.sessionId, chunk)).run();
          tx.delete(t.sessions).where(inArray(t.sessions.id, chunk)).run();
        }
        return ids.length;
      });
    },
    async deleteExpiredRegistrationSessions(before) {
      return db.delete(t.registrationSessions).where(lt(t.registrationSessions.expiresAt, before)).run()
        .changes;
    },
    async listAuditRowsBefore(before, limit) {
      return db
        .select()
        .from(t.auditEvents)
        .where(lt(t.auditEvents.at, before))
        .orderBy(asc(t.auditEvents.seq))
        .limit(limit)
        .all() as AuditRow[];
    },
    async deleteAuditRowsUpTo(lastSeq, before) {
      return db
        .delete(t.auditEvents)
        .where(and(lte(t.auditEvents.seq, lastSeq), lt(t.auditEvents.at, before)))
        .run().changes;
    },
    async tryLease(job, holder, now, until) {
      const key = `pf.lease.${job}`;
      const value = `${until}|${holder}`;
      return (
        db
          .insert(t.keyValues)
          .values({ key, value })
          .onConflictDoUpdate({
            target: t.keyValues.key,
            set: { value },
            where: sql`substr(${t.keyValues.value}, 1, 24) < ${now} OR substr(${t.keyValues.value}, 26) = ${holder}`,
          })
          .run().changes === 1
      );
    },
  };
}
