/**
 * @module Slot closures and the staff audit trail in SQLite.
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import { and, asc, between, desc, eq } from "drizzle-orm";
import type {
  SlotClosure,
  SlotClosureRepository,
  StaffAuditEntry,
  StaffAuditRepository,
} from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { slotClosures, staffAudit } from "./schema.ts";

const closureOf = (facilityId: string, useDate: string, slotCode: string) =>
  and(
    eq(slotClosures.facilityId, facilityId),
    eq(slotClosures.useDate, useDate),
    eq(slotClosures.slotCode, slotCode),
  );

export function sqliteSlotClosureRepository(db: FacilityDb): Synchronous<SlotClosureRepository> {
  return {
    insert(closure) {
      const inserted = db.insert(slotClosures).values(closure).onConflictDoNothing().run().changes > 0;
      return inserted ? "inserted" : "already_closed";
    },
    get(facilityId, useDate, slotCode) {
      return db
        .select()
        .from(slotClosures)
        .where(closureOf(facilityId, useDate, slotCode))
        .get() as SlotClosure | undefined;
    },
    delete(facilityId, useDate, slotCode) {
      return (
        db
          .delete(slotClosures)
          .where(closureOf(facilityId, useDate, slotCode))
          .run().changes > 0
      );
    },
    listBetween(facilityId, fromDate, toDate) {
      return db
        .select()
        .from(slotClosures)
        .where(and(eq(slotClosures.facilityId, facilityId), between(slotClosures.useDate, fromDate, toDate)))
        .orderBy(asc(slotClosures.useDate), asc(slotClosures.slotCode))
        .all() as SlotClosure[];
    },
    listOn(useDate) {
      return db
        .select()
        .from(slotClosures)
        .where(eq(slotClosures.useDate, useDate))
        .orderBy(asc(slotClosures.facilityId), asc(slotClosures.slotCode))
        .all() as SlotClosure[];
    },
  };
}

export function sqliteStaffAuditRepository(db: FacilityDb): Synchronous<StaffAuditRepository> {
  return {
    record(entry) {
      db.insert(staffAudit).values(entry).run();
    },
    latest(limit) {
      return db
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
        .limit(limit)
        .all() as StaffAuditEntry[];
    },
  };
}
