/**
 * @module PostgreSQL side of the retention job. The lease lives in `key_values` as `<until ISO>|<holder>`, taken by
 * one INSERT … ON CONFLICT DO UPDATE … WHERE that succeeds only when the lease expired or is the holder's own (the
 * same rule as SQLite's); the running PF also keeps the whole pass under an advisory lock (`open-pf-store.ts`).
 */
import { and, asc, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import type { AuditRow } from "../repositories.ts";
import type { RetentionRepository } from "../retention-repository.ts";
import { changed, type PgDb } from "./database.ts";
import * as t from "./schema.ts";

export function createPgRetentionRepository(db: PgDb): RetentionRepository {
  return {
    async deleteEndedSessions(before) {
      const ended = or(
        lt(t.sessions.refreshExpiresAt, before),
        and(isNotNull(t.sessions.revokedAt), lt(t.sessions.revokedAt, before)),
      );
      return db.transaction(async (tx) => {
        const ids = (await tx.select({ id: t.sessions.id }).from(t.sessions).where(ended)).map((r) => r.id);
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await tx.delete(t.retiredRefreshTokens).where(inArray(t.retiredRefreshTokens.sessionId, chunk));
          await tx.delete(t.sessions).where(inArray(t.sessions.id, chunk));
        }
        return ids.length;
      });
    },
    async deleteExpiredRegistrationSessions(before) {
      return changed(
        await db.delete(t.registrationSessions).where(lt(t.registrationSessions.expiresAt, before)),
      );
    },
    async listAuditRowsBefore(before, limit) {
      return (await db
        .select()
        .from(t.auditEvents)
        .where(lt(t.auditEvents.at, before))
        .orderBy(asc(t.auditEvents.seq))
        .limit(limit)) as AuditRow[];
    },
    async deleteAuditRowsUpTo(lastSeq, before) {
      return changed(
        await db
          .delete(t.auditEvents)
          .where(and(lte(t.auditEvents.seq, lastSeq), lt(t.auditEvents.at, before))),
      );
    },
    async tryLease(job, holder, now, until) {
      const key = `pf.lease.${job}`;
      const value = `${until}|${holder}`;
      const result = await db
        .insert(t.keyValues)
        .values({ key, value })
        .onConflictDoUpdate({
          target: t.keyValues.key,
          set: { value },
          setWhere: sql`substr(${t.keyValues.value}, 1, 24) < ${now} OR substr(${t.keyValues.value}, 26) = ${holder}`,
        });
      return changed(result) === 1;
    },
  };
}
