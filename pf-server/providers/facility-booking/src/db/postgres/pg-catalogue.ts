/**
 * @module Towns, facilities and their slots in PostgreSQL; the SQLite form is ../sqlite-catalogue.ts.
 */
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Facility, FacilityRepository, Slot, Town } from "../../domain/ports.ts";
import type { FacilityPg } from "./pg-bookings.ts";
import { facilities, facilitySlots, towns } from "./schema.ts";

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

export function pgFacilityRepository(db: FacilityPg): FacilityRepository {
  /** The facilities with their slots, in slot order, read in one query for all of them. */
  const withSlots = async (rows: Omit<Facility, "slots">[]): Promise<Facility[]> => {
    if (rows.length === 0) return [];
    const slotRows = await db
      .select({
        facilityId: facilitySlots.facilityId,
        code: facilitySlots.code,
        label: facilitySlots.label,
        startsAt: facilitySlots.startsAt,
        endsAt: facilitySlots.endsAt,
        feeYen: facilitySlots.feeYen,
      })
      .from(facilitySlots)
      .where(
        inArray(
          facilitySlots.facilityId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(facilitySlots.sortOrder));
    const slots = new Map<string, Slot[]>();
    for (const { facilityId, ...slot } of slotRows) {
      slots.set(facilityId, [...(slots.get(facilityId) ?? []), slot]);
    }
    return rows.map((row) => ({ ...row, slots: slots.get(row.id) ?? [] }));
  };

  return {
    async listTowns(): Promise<Town[]> {
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
        .orderBy(asc(towns.code));
    },
    async listFacilities(townCode) {
      return withSlots(
        await db
          .select(facilityColumns)
          .from(facilities)
          .innerJoin(towns, eq(towns.code, facilities.townCode))
          .where(eq(facilities.townCode, townCode))
          .orderBy(asc(facilities.id)),
      );
    },
    async getFacility(id) {
      const rows = await db
        .select(facilityColumns)
        .from(facilities)
        .innerJoin(towns, eq(towns.code, facilities.townCode))
        .where(eq(facilities.id, id));
      return (await withSlots(rows))[0];
    },
    async isEmpty() {
      const [row] = await db.select({ n: count() }).from(towns);
      return (row?.n ?? 0) === 0;
    },
    async insertCatalogue(townRows, facilityRows) {
      await db.insert(towns).values(townRows);
      for (const f of facilityRows) {
        const { slots, ...facility } = f;
        await db.insert(facilities).values(facility);
        await db
          .insert(facilitySlots)
          .values(slots.map((s, i) => ({ ...s, facilityId: f.id, sortOrder: i })));
      }
    },
  };
}
