/**
 * @module PF events (deduplicated by event ID) and the settlements they carry, in SQLite.
 */

import { operatorFromEnrolmentEvents, type Synchronous } from "@catv/provider-kit/sqlite";
import { asc, eq } from "drizzle-orm";
import type { EventRepository, SettlementRepository } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { pfEvents, settlementRecords, settlements } from "./schema.ts";

export function sqliteEventRepository(db: FacilityDb): Synchronous<EventRepository> {
  return {
    recordIfNew(event) {
      return db.insert(pfEvents).values(event).onConflictDoNothing().run().changes > 0;
    },
    operatorForEnrolment: (pairwiseId) => operatorFromEnrolmentEvents(db, pairwiseId),
  };
}

export function sqliteSettlementRepository(db: FacilityDb): Synchronous<SettlementRepository> {
  return {
    save(settlement) {
      const { records, ...head } = settlement;
      // A corrected settlement for the same ID replaces the earlier one (the PF re-issues, it does not patch).
      db.delete(settlements).where(eq(settlements.id, head.id)).run();
      db.insert(settlements).values(head).run();
      if (records.length > 0) {
        db.insert(settlementRecords)
          .values(records.map((r) => ({ ...r, settlementId: head.id })))
          .onConflictDoNothing()
          .run();
      }
    },
    list() {
      const heads = db
        .select()
        .from(settlements)
        .orderBy(asc(settlements.month), asc(settlements.operatorId))
        .all();
      return heads.map((h) => ({
        ...h,
        records: db
          .select({
            providerReference: settlementRecords.providerReference,
            status: settlementRecords.status,
            amountYen: settlementRecords.amountYen,
          })
          .from(settlementRecords)
          .where(eq(settlementRecords.settlementId, h.id))
          .all(),
      }));
    },
  };
}
