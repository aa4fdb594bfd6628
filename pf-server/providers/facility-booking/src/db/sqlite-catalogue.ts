/**
 * @module Towns, facilities and their slots in SQLite.
 */
import type { Synchronous } from "@catv/provider-kit/sqlite";
import { asc, count, eq } from "drizzle-orm";
import type { Facility, FacilityRepository, Slot, Town } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { facilities, facilitySlots, towns } from "./schema.ts";

export function sqliteFacilityRepository(db: FacilityDb): Synchronous<FacilityRepository> {
  const slotsOf = (facilityId: string): Slot[] =>
    db
      .select({
        code: facilitySlots.code,
        label: facilitySlots.label,
        startsAt: facilitySlots.startsAt,
        endsAt: facilitySlots.endsAt,
        feeYen: facilitySlots.feeYen,
      })
      .from(facilitySlots)
      .where(eq(facilitySlots.facilityId, facilityId))
      .orderBy(asc(facilitySlots.sortOrder))
      .all();

  const withSlots = (row: typeof facilities.$inferSelect & { townName: string }): Facility => ({
    ...row,
    slots: slotsOf(row.id),
  });

  const facilityColumns = {
    id: facilities.id,
    townCode: facilities.townCode,
    name: facilities.name,
    kind: facilities.kind,
    capacity: facilities.capacity,
    address: facilities.address,
    opensAt: facilities.opensAt,
    closesAt: facilities.closesAt,
    closedWeekdays: facilities.closedWeekdays,
    note: facilities.note,
    townName: towns.name,
  };

  return {
    listTowns(): Town[] {
      return db
        .select({
          code: towns.code,
          name: towns.name,
          prefecture: towns.prefecture,
          facilityCount: count(facilities.id),
        })
        .from(towns)
        .leftJoin(facilities, eq(facilities.townCode, towns.code))
        .groupBy(towns.code)
        .orderBy(asc(towns.code))
        .all();
    },
    listFacilities(townCode) {
      return db
        .select(facilityColumns)
        .from(facilities)
        .innerJoin(towns, eq(towns.code, facilities.townCode))
        .where(eq(facilities.townCode, townCode))
        .orderBy(asc(facilities.id))
        .all()
        .map(withSlots);
    },
    getFacility(id) {
      const row = db
        .select(facilityColumns)
        .from(facilities)
        .innerJoin(towns, eq(towns.code, facilities.townCode))
        .where(eq(facilities.id, id))
        .get();
      return row ? withSlots(row) : undefined;
    },
    isEmpty() {
      return db.select({ n: count() }).from(towns).get()!.n === 0;
    },
    insertCatalogue(townRows, facilityRows) {
      db.insert(towns).values(townRows).run();
      for (const f of facilityRows) {
        const { slots, ...facility } = f;
        db.insert(facilities).values(facility).run();
        db.insert(facilitySlots)
          .values(slots.map((s, i) => ({ ...s, facilityId: f.id, sortOrder: i })))
          .run();
      }
    },
  };
}
