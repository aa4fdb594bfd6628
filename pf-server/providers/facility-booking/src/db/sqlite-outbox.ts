/**
 * @module The usage-report outbox in SQLite: rows are written in the booking's own transaction, so a charge
 * is never lost between "booked" and "reported", and each row keeps its Idempotency-Key for every retry.
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import { asc, eq } from "drizzle-orm";
import type { OutboxEntry, UsageOutboxRepository } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { usageOutbox } from "./schema.ts";

export function sqliteOutboxRepository(db: FacilityDb): Synchronous<UsageOutboxRepository> {
  return {
    add(entry) {
      db.insert(usageOutbox)
        .values({ ...entry, status: "pending", attempts: 0, nextAttemptAt: entry.createdAt })
        .run();
    },
    pending(limit) {
      return db
        .select()
        .from(usageOutbox)
        .where(eq(usageOutbox.status, "pending"))
        .orderBy(asc(usageOutbox.id))
        .limit(limit)
        .all() as OutboxEntry[];
    },
    markAccepted(id, attempts, usageId, at) {
      db.update(usageOutbox)
        .set({ status: "accepted", attempts, usageId, acceptedAt: at, lastError: null })
        .where(eq(usageOutbox.id, id))
        .run();
    },
    markRetry(id, attempts, nextAttemptAt, error) {
      db.update(usageOutbox)
        .set({ attempts, nextAttemptAt, lastError: error })
        .where(eq(usageOutbox.id, id))
        .run();
    },
    markRejected(id, attempts, error) {
      db.update(usageOutbox)
        .set({ status: "rejected", attempts, lastError: error })
        .where(eq(usageOutbox.id, id))
        .run();
    },
    list() {
      return db.select().from(usageOutbox).orderBy(asc(usageOutbox.id)).all() as OutboxEntry[];
    },
  };
}
