/**
 * @module First-run demo data: the facility catalogue and, so the slot grids do not look empty, a few bookings
 * made at the counter (窓口予約) by sample residents over the coming weeks, chosen by a seeded PRNG. Runs only
 * when the database is new; counter bookings have no viewer and never reach the PF. The emptiness check is inside
 * the seeding transaction, so two instances starting at once on one PostgreSQL database seed it once (the second's
 * transaction is run again and finds the catalogue there).
 */

import { addDays, jstDate } from "@catv/contracts/calendar";
import { seededPrng } from "@catv/provider-kit";
import { closedReason } from "../domain/book-facility.ts";
import { COUNTER_SERVICE } from "../domain/channels.ts";
import type { FacilityDeps } from "../domain/deps.ts";
import { demoFacilities, demoTowns } from "./catalogue.ts";

export async function seedDemoData(
  deps: FacilityDeps,
  seed = "facility-demo-v1",
): Promise<{ seeded: boolean }> {
  const { store } = deps;
  const now = deps.now();
  const today = jstDate(now);
  const seeded = await store.transaction(async (tx) => {
    if (!(await tx.facilities.isEmpty())) return false;
    const rng = seededPrng(seed);
    await tx.facilities.insertCatalogue(demoTowns, demoFacilities);
    for (const f of demoFacilities) {
      const facility = (await tx.facilities.getFacility(f.id))!;
      for (let day = 2; day <= 28; day++) {
        const date = addDays(today, day);
        if (closedReason(facility, date)) continue;
        for (const slot of facility.slots) {
          if (!rng.chance(0.22)) continue;
          await tx.bookings.insert({
            id: deps.newId("BK"),
            userId: null,
            facilityId: facility.id,
            useDate: date,
            slotCode: slot.code,
            status: "booked",
            feeYen: slot.feeYen,
            taxRatePercent: slot.feeYen > 0 ? 10 : 0,
            serviceId: COUNTER_SERVICE,
            operatorId: null,
            createdAt: now.toISOString(),
            cancelledAt: null,
            feeOutcome: slot.feeYen > 0 ? "charged" : "free",
          });
        }
      }
    }
    return true;
  });
  return { seeded };
}
