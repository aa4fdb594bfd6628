/**
 * @module The terms of a booking before it is made (取消期限 and 使用料の還付): the TV shows them on its confirm
 * screen, so a viewer knows the deadline and what a late cancellation costs before pressing 予約する. The same
 * rule dates every booking (booking-view.ts), so what is quoted is what applies.
 */
import type { BookingTerms } from "@catv/contracts";
import { addDays, isCalendarDate } from "@catv/contracts/calendar";
import { fail } from "../errors.ts";
import type { FacilityDeps } from "./deps.ts";
import { bookingRules } from "./rules.ts";

/** Until when a booking on `useDate` can be cancelled, and until when that refunds its fee (paid slots only). */
export function cancellationTerms(
  useDate: string,
  feeYen: number,
): { cancelDeadline: string; freeCancellationUntil: string | null } {
  return {
    cancelDeadline: addDays(useDate, -bookingRules.cancelUntilDaysBefore),
    freeCancellationUntil: feeYen > 0 ? addDays(useDate, -bookingRules.freeCancellationDaysBefore) : null,
  };
}

export async function quoteBookingTerms(
  deps: FacilityDeps,
  input: { facilityId: string; date: string; slotCode: string },
): Promise<BookingTerms> {
  const facility = await deps.store.facilities.getFacility(input.facilityId);
  if (!facility) throw fail("not_found", "その施設はありません。");
  const slot = facility.slots.find((s) => s.code === input.slotCode);
  if (!slot) throw fail("not_found", "その枠はありません。");
  if (!isCalendarDate(input.date))
    throw fail("validation_failed", "date must be a calendar date (YYYY-MM-DD).");
  return {
    facilityId: facility.id,
    date: input.date,
    slotCode: slot.code,
    feeYen: slot.feeYen,
    ...cancellationTerms(input.date, slot.feeYen),
    lateCancellationFeeYen: slot.feeYen,
  };
}
