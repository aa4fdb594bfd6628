/**
 * @module Availability (空き状況) of one facility over a few days: each slot is available, booked (by someone
 * else or by this viewer), closed (休館日, or closed by staff, with the reason), or outside the booking window — the
 * TV draws its slot grid from this. A viewer whose booking stands on a slot staff closed still sees it as theirs.
 */

import type { availabilityResponseSchema, DayAvailability, SlotStatus } from "@catv/contracts";
import { addDays, isCalendarDate, weekday } from "@catv/contracts/calendar";
import type { z } from "zod";
import { fail } from "../errors.ts";
import { assertBookableDate, closedReason } from "./book-facility.ts";
import { WEEKDAY_JA } from "./calendar.ts";
import type { FacilityDeps } from "./deps.ts";

export async function getAvailability(
  deps: FacilityDeps,
  pairwiseId: string,
  facilityId: string,
  from: string,
  days: number,
): Promise<z.infer<typeof availabilityResponseSchema>> {
  const facility = await deps.store.facilities.getFacility(facilityId);
  if (!facility) throw fail("not_found", "その施設はありません。");
  if (!isCalendarDate(from)) throw fail("validation_failed", "from must be a calendar date (YYYY-MM-DD).");
  const now = deps.now();
  const to = addDays(from, days - 1);
  const me = (await deps.store.users.findByPairwiseId(pairwiseId))?.id;
  const taken = new Map(
    (await deps.store.bookings.bookedSlots(facility.id, from, to)).map((b) => [
      `${b.useDate}/${b.slotCode}`,
      b.userId,
    ]),
  );
  const closures = new Map(
    (await deps.store.closures.listBetween(facility.id, from, to)).map((c) => [
      `${c.useDate}/${c.slotCode}`,
      c.reason,
    ]),
  );
  const result: DayAvailability[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const closed = closedReason(facility, date);
    let bookable = true;
    try {
      assertBookableDate(facility, date, now);
    } catch {
      bookable = false;
    }
    result.push({
      date,
      weekday: WEEKDAY_JA[weekday(date)]!,
      closedReason: closed,
      slots: facility.slots.map((slot) => {
        const holder = taken.get(`${date}/${slot.code}`);
        const closedByStaff = closures.get(`${date}/${slot.code}`);
        const mine = holder !== undefined && holder !== null && holder === me;
        let status: SlotStatus;
        if (closed) status = "closed";
        else if (mine) status = "mine";
        else if (closedByStaff !== undefined) status = "closed";
        else if (holder !== undefined) status = "booked";
        else if (!bookable) status = "not_bookable";
        else status = "available";
        return { ...slot, status, closedReason: closed ?? closedByStaff ?? null };
      }),
    });
  }
  return { facilityId: facility.id, days: result };
}
