/**
 * @module Users (pairwise ID ↔ our user ID, with the consent) and bookings in PostgreSQL; the SQLite form is
 * ../sqlite-bookings.ts.
 */
import type { PgExecutor } from "@catv/provider-kit/postgres";
import { and, asc, between, count, desc, eq, getTableColumns, gt, gte, isNull, sql } from "drizzle-orm";
import type { Booking, BookingRepository, User, UserRepository } from "../../domain/ports.ts";
import type * as schema from "./schema.ts";
import { bookings, facilities, towns, users } from "./schema.ts";

export type FacilityPg = PgExecutor<typeof schema>;

export function pgUserRepository(db: FacilityPg): UserRepository {
  return {
    async findByPairwiseId(pairwiseId) {
      const [row] = await db.select().from(users).where(eq(users.pairwiseId, pairwiseId));
      return row as User | undefined;
    },
    async insert(user) {
      await db.insert(users).values(user);
    },
    async updateConsent(id, consent) {
      await db.update(users).set(consent).where(eq(users.id, id));
    },
    async setOperator(pairwiseId, operatorId) {
      const [user] = await db
        .update(users)
        .set({ operatorId })
        .where(eq(users.pairwiseId, pairwiseId))
        .returning({ id: users.id });
      if (!user) return false;
      // Bookings made before the event arrived learn their operator too (the staff report groups by it).
      await db
        .update(bookings)
        .set({ operatorId })
        .where(and(eq(bookings.userId, user.id), isNull(bookings.operatorId)));
      return true;
    },
    async delete(id) {
      await db.delete(users).where(eq(users.id, id));
    },
  };
}

export function pgBookingRepository(db: FacilityPg): BookingRepository {
  return {
    async insert(booking) {
      // The partial unique index refuses a second live booking of a slot; ON CONFLICT answers that without
      // aborting the transaction the insert runs in (an error would).
      const inserted = await db
        .insert(bookings)
        .values(booking)
        .onConflictDoNothing({
          target: [bookings.facilityId, bookings.useDate, bookings.slotCode],
          where: sql`status = 'booked'`,
        })
        .returning({ id: bookings.id });
      return inserted.length > 0 ? "inserted" : "slot_taken";
    },
    async get(id) {
      const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
      return row as Booking | undefined;
    },
    async listByUser(userId) {
      return (await db
        .select()
        .from(bookings)
        .where(eq(bookings.userId, userId))
        .orderBy(desc(bookings.useDate), asc(bookings.slotCode))) as Booking[];
    },
    async countOpen(userId, fromDate) {
      const [row] = await db
        .select({ n: count() })
        .from(bookings)
        .where(
          and(eq(bookings.userId, userId), eq(bookings.status, "booked"), gte(bookings.useDate, fromDate)),
        );
      return row?.n ?? 0;
    },
    async listOpen(userId, fromDate) {
      return (await db
        .select()
        .from(bookings)
        .where(
          and(eq(bookings.userId, userId), eq(bookings.status, "booked"), gte(bookings.useDate, fromDate)),
        )
        .orderBy(asc(bookings.createdAt), asc(bookings.id))) as Booking[];
    },
    async bookedSlots(facilityId, fromDate, toDate) {
      return db
        .select({ useDate: bookings.useDate, slotCode: bookings.slotCode, userId: bookings.userId })
        .from(bookings)
        .where(
          and(
            eq(bookings.facilityId, facilityId),
            eq(bookings.status, "booked"),
            between(bookings.useDate, fromDate, toDate),
          ),
        )
        .orderBy(asc(bookings.useDate), asc(bookings.slotCode));
    },
    async markCancelled(id, cancelledAt, feeOutcome) {
      await db
        .update(bookings)
        .set({ status: "cancelled", cancelledAt, feeOutcome })
        .where(eq(bookings.id, id));
    },
    async assignOperatorIfUnknown(id, operatorId) {
      await db
        .update(bookings)
        .set({ operatorId })
        .where(and(eq(bookings.id, id), isNull(bookings.operatorId)));
    },
    async listOn(useDate) {
      return (await db
        .select()
        .from(bookings)
        .where(eq(bookings.useDate, useDate))
        .orderBy(asc(bookings.facilityId), asc(bookings.slotCode), asc(bookings.createdAt))) as Booking[];
    },
    async listFeeBearing() {
      return (await db
        .select({ ...getTableColumns(bookings), facilityName: facilities.name, townName: towns.name })
        .from(bookings)
        .innerJoin(facilities, eq(facilities.id, bookings.facilityId))
        .innerJoin(towns, eq(towns.code, facilities.townCode))
        .where(gt(bookings.feeYen, 0))
        .orderBy(asc(bookings.createdAt))) as (Booking & { facilityName: string; townName: string })[];
    },
  };
}
