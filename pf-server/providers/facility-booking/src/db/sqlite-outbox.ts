/**
 * @module The usage-report outbox in SQLite: rows are written in the booking's own transaction, so a charge
 * is never lost between "booked" and "reported", and each row keeps its Idempotency-Key for every retry. A claim is
 * one UPDATE statement, so two processes on one file (each holding SQLite's write lock in turn) never claim one row.
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { OutboxEntry, UsageOutboxRepository } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { usageOutbox } from "./schema.ts";

const heldBy = (id: number, owner: string) =>
  and(eq(usageOutbox.id, id), eq(usageOutbox.leaseOwner, owner), eq(usageOutbox.status, "pending"));

export function sqliteOutboxRepository(db: FacilityDb): Synchronous<UsageOutboxRepository> {
  return {
    add(entry) {
      db.insert(usageOutbox)
        .values({ ...entry, status: "pending", attempts: 0, nextAttemptAt: entry.createdAt })
        .run();
    },
    claim({ limit, now, leaseUntil, owner }) {
      const earlier = alias(usageOutbox, "earlier");
      const claimable = db
        .select({ id: usageOutbox.id })
        .from(usageOutbox)
        .where(
          and(
            // Literal, not a bound parameter, so the planner can prove the partial indexes apply.
            sql`${usageOutbox.status} = 'pending'`,
            lte(usageOutbox.nextAttemptAt, now),
            or(isNull(usageOutbox.leaseUntil), lte(usageOutbox.leaseUntil, now)),
            // Only the first pending report of a booking: its reversal waits for its charge.
            notExists(
              db
                .select({ id: earlier.id })
                .from(earlier)
                .where(
                  and(
                    eq(earlier.bookingId, usageOutbox.bookingId),
                    sql`${earlier.status} = 'pending'`,
                    lt(earlier.id, usageOutbox.id),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(usageOutbox.id))
        .limit(limit);
      const claimed = db
        .update(usageOutbox)
        .set({ leaseOwner: owner, leaseUntil })
        .where(inArray(usageOutbox.id, claimable))
        .returning()
        .all() as OutboxEntry[];
      return claimed.sort((a, b) => a.id - b.id);
    },
    markAccepted(id, owner, attempts, usageId, at) {
      db.update(usageOutbox)
        .set({
          status: "accepted",
          attempts,
          usageId,
          acceptedAt: at,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(heldBy(id, owner))
        .run();
    },
    markRetry(id, owner, attempts, nextAttemptAt, error) {
      db.update(usageOutbox)
        .set({ attempts, nextAttemptAt, lastError: error, leaseOwner: null, leaseUntil: null })
        .where(heldBy(id, owner))
        .run();
    },
    markRejected(id, owner, attempts, error) {
      db.update(usageOutbox)
        .set({ status: "rejected", attempts, lastError: error, leaseOwner: null, leaseUntil: null })
        .where(heldBy(id, owner))
        .run();
    },
    release(id, owner) {
      db.update(usageOutbox).set({ leaseOwner: null, leaseUntil: null }).where(heldBy(id, owner)).run();
    },
    list() {
      return db.select().from(usageOutbox).orderBy(asc(usageOutbox.id)).all() as OutboxEntry[];
    },
  };
}
