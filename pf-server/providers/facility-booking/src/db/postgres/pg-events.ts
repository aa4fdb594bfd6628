/**
 * @module PF events (deduplicated by event ID) and the settlements they carry, in PostgreSQL; the SQLite form is
 * ../sqlite-events.ts.
 */
import { operatorFromEnrolmentEventsPg, recordPfEventIfNew } from "@catv/provider-kit/postgres";
import { asc, eq, inArray } from "drizzle-orm";
import type { EventRepository, SettlementInput, SettlementRepository } from "../../domain/ports.ts";
import type { FacilityPg } from "./pg-bookings.ts";
import { settlementRecords, settlements } from "./schema.ts";

export function pgEventRepository(db: FacilityPg): EventRepository {
  return {
    recordIfNew: (event) => recordPfEventIfNew(db, event),
    operatorForEnrolment: (pairwiseId) => operatorFromEnrolmentEventsPg(db, pairwiseId),
  };
}

export function pgSettlementRepository(db: FacilityPg): SettlementRepository {
  return {
    async save(settlement) {
      const { records, ...head } = settlement;
      // A corrected settlement for the same ID replaces the earlier one (the PF re-issues, it does not patch).
      await db.delete(settlements).where(eq(settlements.id, head.id));
      await db.insert(settlements).values(head);
      if (records.length > 0) {
        await db
          .insert(settlementRecords)
          .values(records.map((r) => ({ ...r, settlementId: head.id })))
          .onConflictDoNothing();
      }
    },
    async list() {
      const heads = await db
        .select()
        .from(settlements)
        .orderBy(asc(settlements.month), asc(settlements.operatorId));
      if (heads.length === 0) return [];
      const rows = await db
        .select()
        .from(settlementRecords)
        .where(
          inArray(
            settlementRecords.settlementId,
            heads.map((h) => h.id),
          ),
        );
      const records = new Map<string, SettlementInput["records"]>();
      for (const { settlementId, ...record } of rows) {
        records.set(settlementId, [...(records.get(settlementId) ?? []), record]);
      }
      return heads.map((h) => ({ ...h, records: records.get(h.id) ?? [] }));
    },
  };
}
