/**
 * @module What the console owes the PF or got from it: the household-link outbox (delivered until accepted),
 * assisted registration sessions opened, and cached PF fee statements.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { PfSyncRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { assistedRegistrations, pfFeeStatements, pfLinkOutbox, webhookEvents } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

export function createPfSyncRepository(db: Db): Synchronous<PfSyncRepository> {
  return {
    markEventSeen(operatorId, eventId, type, at) {
      return (
        db
          .insert(webhookEvents)
          .values({ operatorId, eventId, type, receivedAt: at })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },
    enqueueLink(operatorId, cableId, status, at) {
      db.insert(pfLinkOutbox).values({ operatorId, cableId, status, createdAt: at }).run();
    },
    openLinks(limit) {
      return db
        .select()
        .from(pfLinkOutbox)
        .where(isNull(pfLinkOutbox.doneAt))
        .orderBy(asc(pfLinkOutbox.id))
        .limit(limit)
        .all();
    },
    markLinkAttempt(id, { done, error, at }) {
      db.update(pfLinkOutbox)
        .set({
          attempts: sql`${pfLinkOutbox.attempts} + 1`,
          ...(done ? { doneAt: at, lastError: error ?? null } : { lastError: error ?? "unknown" }),
        })
        .where(eq(pfLinkOutbox.id, id))
        .run();
    },
    openLinkCount(operatorId) {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(pfLinkOutbox)
          .where(and(eq(pfLinkOutbox.operatorId, operatorId), isNull(pfLinkOutbox.doneAt)))
          .get()?.n ?? 0
      );
    },
    recordAssisted(row) {
      db.insert(assistedRegistrations).values(row).run();
    },
    listAssisted(operatorId, limit) {
      return db
        .select()
        .from(assistedRegistrations)
        .where(eq(assistedRegistrations.operatorId, operatorId))
        .orderBy(desc(assistedRegistrations.id))
        .limit(limit)
        .all();
    },
    saveFeeStatement(operatorId, month, body, at) {
      db.insert(pfFeeStatements)
        .values({ operatorId, month, body, fetchedAt: at })
        .onConflictDoUpdate({
          target: [pfFeeStatements.operatorId, pfFeeStatements.month],
          set: { body, fetchedAt: at },
        })
        .run();
    },
    getFeeStatement(operatorId, month) {
      return db
        .select({ body: pfFeeStatements.body, fetchedAt: pfFeeStatements.fetchedAt })
        .from(pfFeeStatements)
        .where(and(eq(pfFeeStatements.operatorId, operatorId), eq(pfFeeStatements.month, month)))
        .get();
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
        .orderBy(asc(pfFeeStatements.month))
        .all();
    },
  };
}
