/**
 * @module Slot closures and the staff audit trail in PostgreSQL; the SQLite form is ../sqlite-staff.ts.
 */
import { and, asc, between, desc, eq } from "drizzle-orm";
import type {
  SlotClosure,
  SlotClosureRepository,
  StaffAuditEntry,
  StaffAuditRepository,
} from "../../domain/ports.ts";
import type { FacilityPg } from "./pg-bookings.ts";
import { slotClosures, staffAudit } from "./schema.ts";

const closureOf = (facilityId: string, useDate: string, slotCode: string) =>
  and(
    eq(slotClosures.facilityId, facilityId),
    eq(slotClosures.useDate, useDate),
    eq(slotClosures.slotCode, slotCode),
  );

export function pgSlotClosureRepository(db: FacilityPg): SlotClosureRepository {
  return {
    async insert(closure) {
      const inserted = await db
        .insert(slotClosures)
        .values(closure)
        .onConflictDoNothing()
        .returning({ slotCode: slotClosures.slotCode });
      return inserted.length > 0 ? "inserted" : "already_closed";
    },
    async get(facilityId, useDate, slotCode) {
      const [row] = await db
        .select()
        .from(slotClosures)
        .where(closureOf(facilityId, useDate, slotCode));
      return row as SlotClosure | undefined;
    },
    async delete(facilityId, useDate, slotCode) {
      const deleted = await db
        .delete(slotClosures)
        .where(closureOf(facilityId, useDate, slotCode))
        .returning({ slotCode: slotClosures.slotCode });
      return deleted.length > 0;
    },
    async listBetween(facilityId, fromDate, toDate) {
      return (await db
        .select()
        .from(slotClosures)
        .where(and(eq(slotClosures.facilityId, facilityId), between(slotClosures.useDate, fromDate, toDate)))
        .orderBy(asc(slotClosures.useDate), asc(slotClosures.slotCode))) as SlotClosure[];
    },
    async listOn(useDate) {
      return (await db
        .select()
        .from(slotClosures)
        .where(eq(slotClosures.useDate, useDate))
        .orderBy(asc(slotClosures.facilityId), asc(slotClosures.slotCode))) as SlotClosure[];
    },
  };
}

export function pgStaffAuditRepository(db: FacilityPg): StaffAuditRepository {
  return {
    async record(entry) {
      await db.insert(staffAudit).values(entry);
    },
    async latest(limit) {
      return (await db
        .select({
          at: staffAudit.at,
          staff: staffAudit.staff,
          action: staffAudit.action,
          outcome: staffAudit.outcome,
          facilityId: staffAudit.facilityId,
          useDate: staffAudit.useDate,
          slotCode: staffAudit.slotCode,
          detail: staffAudit.detail,
          requestId: staffAudit.requestId,
        })
        .from(staffAudit)
        .orderBy(desc(staffAudit.id))
        .limit(limit)) as StaffAuditEntry[];
    },
  };
}
