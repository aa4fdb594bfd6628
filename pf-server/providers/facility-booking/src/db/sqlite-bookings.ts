/**
 * @module Users (pairwise ID ↔ our user ID, with the consent) and bookings in SQLite.
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import { and, asc, between, count, desc, eq, getTableColumns, gt, gte, isNull } from "drizzle-orm";
import type { Booking, BookingRepository, User, UserRepository } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { bookings, facilities, towns, users } from "./schema.ts";

export function sqliteUserRepository(db: FacilityDb): Synchronous<UserRepository> {
  return {
    findByPairwiseId(pairwiseId) {
      return db.select().from(users).where(eq(users.pairwiseId, pairwiseId)).get() as User | undefined;
    },
    insert(user) {
      db.insert(users).values(user).run();
    },
    updateConsent(id, consent) {
      db.update(users).set(consent).where(eq(users.id, id)).run();
    },
    setOperator(pairwiseId, operatorId) {
      const user = db.select({ id: users.id }).from(users).where(eq(users.pairwiseId, pairwiseId)).get();
      if (!user) return false;
      db.update(users).set({ operatorId }).where(eq(users.id, user.id)).run();
      // Bookings made before the event arrived learn their operator too (the staff report groups by it).
      db.update(bookings)
        .set({ operatorId })
        .where(and(eq(bookings.userId, user.id), isNull(bookings.operatorId)))
        .run();
      return true;
    },
    delete(id) {
      db.delete(users).where(eq(users.id, id)).run();
    },
  };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

export function sqliteBookingRepository(db: FacilityDb): Synchronous<BookingRepository> {
  return {
    insert(booking) {
      try {
        db.insert(bookings).values(booking).run();
        return "inserted";
      } catch (err) {
        if (isUniqueViolation(err)) return "slot_taken";
        throw err;
      }
    },
    get(id) {
      return db.select().from(bookings).where(eq(bookings.id, id)).get() as Booking | undefined;
    },
    listByUser(userId) {
      return db
        .select()
        .from(bookings)
        .where(eq(bookings.userId, userId))
        .orderBy(desc(bookings.useDate), asc(bookings.slotCode))
        .all() as Booking[];
    },
    countOpen(userId, fromDate) {
      return db
        .select({ n: count() })
        .from(bookings)
        .where(
          and(eq(bookings.userId, userId), eq(bookings.status, "booked"), gte(bookings.useDate, fromDate)),
        )
        .get()!.n;
    },
    listOpen(userId, fromDate) {
      return db
        .select()
        .from(bookings)
        .where(
          and(eq(bookings.userId, userId), eq(bookings.status, "booked"), gte(bookings.useDate, fromDate)),
        )
        .orderBy(asc(bookings.createdAt), asc(bookings.id))
        .all() as Booking[];
    },
    bookedSlots(facilityId, fromDate, toDate) {
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
        .orderBy(asc(bookings.useDate), asc(bookings.slotCode))
        .all();
    },
    markCancelled(id, cancelledAt, feeOutcome) {
      db.update(bookings)
        .set({ status: "cancelled", cancelledAt, feeOutcome })
        .where(eq(bookings.id, id))
        .run();
    },
    assignOperatorIfUnknown(id, operatorId) {
      db.update(bookings)
        .set({ operatorId })
        .where(and(eq(bookings.id, id), isNull(bookings.operatorId)))
        .run();
    },
    listOn(useDate) {
      return db
        .select()
        .from(bookings)
        .where(eq(bookings.useDate, useDate))
        .orderBy(asc(bookings.facilityId), asc(bookings.slotCode), asc(bookings.createdAt))
        .all() as Booking[];
    },
    listFeeBearing() {
      return db
        .select({ ...getTableColumns(bookings), facilityName: facilities.name, townName: towns.name })
        .from(bookings)
        .innerJoin(facilities, eq(facilities.id, bookings.facilityId))
        .innerJoin(towns, eq(towns.code, facilities.townCode))
        .where(gt(bookings.feeYen, 0))
        .orderBy(asc(bookings.createdAt))
        .all() as (Booking & { facilityName: string; townName: string })[];
    },
  };
}
