/**
 * @module The usage-report outbox in PostgreSQL (the SQLite form is ../sqlite-outbox.ts). A claim locks the rows
 * it takes with `FOR UPDATE SKIP LOCKED`, so two instances claiming at once each take other rows instead of waiting
 * for (or taking) the same ones, and leases them; a lease that expires (its worker died) makes the row claimable
 * again.
 */
import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { OutboxEntry, UsageOutboxRepository } from "../../domain/ports.ts";
import type { FacilityPg } from "./pg-bookings.ts";
import { usageOutbox } from "./schema.ts";

const heldBy = (id: number, owner: string) =>
  and(eq(usageOutbox.id, id), eq(usageOutbox.leaseOwner, owner), eq(usageOutbox.status, "pending"));

export function pgOutboxRepository(db: FacilityPg): UsageOutboxRepository {
  return {
    async add(entry) {
      await db
        .insert(usageOutbox)
        .values({ ...entry, status: "pending", attempts: 0, nextAttemptAt: entry.createdAt });
    },
    async claim({ limit, now, leaseUntil, owner }) {
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
            // Only the first pending report of a booking: its reversal waits for its charge, wherever it is.
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
        .limit(limit)
        .for("update", { of: usageOutbox, skipLocked: true });
      const claimed = (await db
        .update(usageOutbox)
        .set({ leaseOwner: owner, leaseUntil })
        .where(inArray(usageOutbox.id, claimable))
        .returning()) as OutboxEntry[];
      return claimed.sort((a, b) => a.id - b.id);
    },
    async markAccepted(id, owner, attempts, usageId, at) {
      await db
        .update(usageOutbox)
        .set({
          status: "accepted",
          attempts,
          usageId,
          acceptedAt: at,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(heldBy(id, owner));
    },
    async markRetry(id, owner, attempts, nextAttemptAt, error) {
      await db
        .update(usageOutbox)
        .set({ attempts, nextAttemptAt, lastError: error, leaseOwner: null, leaseUntil: null })
        .where(heldBy(id, owner));
    },
    async markRejected(id, owner, attempts, error) {
      await db
        .update(usageOutbox)
        .set({ status: "rejected", attempts, lastError: error, leaseOwner: null, leaseUntil: null })
        .where(heldBy(id, owner));
    },
    async release(id, owner) {
      await db.update(usageOutbox).set({ leaseOwner: null, leaseUntil: null }).where(heldBy(id, owner));
    },
    async list() {
      return (await db.select().from(usageOutbox).orderBy(asc(usageOutbox.id))) as OutboxEntry[];
    },
  };
}
