/**
 * @module PostgreSQL storage of what the console owes the PF or got from it: webhook event IDs seen, the
 * household-link outbox (delivered until accepted), assisted registration sessions opened, and cached PF fee
 * statements. The outbox is delivered by one console at a time (the delivery pass runs under an advisory lock, see
 * deliver-to-pf.ts), which keeps the states of one cable ID in the order they were queued.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { PfSyncRepository } from "../../domain/repositories.ts";
import type { PgDb } from "./database.ts";
import { assistedRegistrations, pfFeeStatements, pfLinkOutbox, webhookEvents } from "./schema.ts";

export function createPgPfSyncRepository(db: PgDb): PfSyncRepository {
  return {
    async markEventSeen(operatorId, eventId, type, at) {
      const inserted = await db
        .insert(webhookEvents)
        .values({ operatorId, eventId, type, receivedAt: at })
        .onConflictDoNothing()
        .returning({ eventId: webhookEvents.eventId });
      return inserted.length > 0;
    },
    async enqueueLink(operatorId, cableId, status, at) {
      await db.insert(pfLinkOutbox).values({ operatorId, cableId, status, createdAt: at });
    },
    openLinks(limit) {
      return db
        .select()
        .from(pfLinkOutbox)
        .where(isNull(pfLinkOutbox.doneAt))
        .orderBy(asc(pfLinkOutbox.id))
        .limit(limit);
    },
    async markLinkAttempt(id, { done, error, at }) {
      await db
        .update(pfLinkOutbox)
        .set({
          attempts: sql`${pfLinkOutbox.attempts} + 1`,
          ...(done ? { doneAt: at, lastError: error ?? null } : { lastError: error ?? "unknown" }),
        })
        .where(eq(pfLinkOutbox.id, id));
    },
    async openLinkCount(operatorId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(pfLinkOutbox)
        .where(and(eq(pfLinkOutbox.operatorId, operatorId), isNull(pfLinkOutbox.doneAt)));
      return row?.n ?? 0;
    },
    async recordAssisted(row) {
      await db.insert(assistedRegistrations).values(row);
    },
    listAssisted(operatorId, limit) {
      return db
        .select()
        .from(assistedRegistrations)
        .where(eq(assistedRegistrations.operatorId, operatorId))
        .orderBy(desc(assistedRegistrations.id))
        .limit(limit);
    },
    async saveFeeStatement(operatorId, month, body, at) {
      await db
        .insert(pfFeeStatements)
        .values({ operatorId, month, body, fetchedAt: at })
        .onConflictDoUpdate({
          target: [pfFeeStatements.operatorId, pfFeeStatements.month],
          set: { body, fetchedAt: at },
        });
    },
    async getFeeStatement(operatorId, month) {
      const [row] = await db
        .select({ body: pfFeeStatements.body, fetchedAt: pfFeeStatements.fetchedAt })
        .from(pfFeeStatements)
        .where(and(eq(pfFeeStatements.operatorId, operatorId), eq(pfFeeStatements.month, month)));
      return row;
    },
    listFeeStatements(operatorId) {
      return db
        .select({
          month: pfFeeStatements.month,
          body: pfFeeStatements.body,
          fetchedAt: pfFeeStatements.fetchedAt,
        })
        .from(pfFeeStatements)
        .where(eq(pfFeeStatements.operatorId, operatorId))
        .orderBy(asc(pfFeeStatements.month));
    },
  };
}
