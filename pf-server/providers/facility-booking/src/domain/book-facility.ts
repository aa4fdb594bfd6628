/**
 * @module Booking a slot (施設予約). Checks run in the order a clerk at the counter would: the facility and slot
 * exist, the date is open for booking and not a closed day, staff have not closed the slot, the PIN was used if
 * the slot costs money, the viewer has room under their limit, the slot is free. The last three run inside one
 * write transaction with a UNIQUE index behind them, so two viewers pressing OK at the same moment cannot both
 * get the slot, and a slot staff close while a viewer books is either closed before the booking or holds it.
 */
import type { PfAssertionClaims } from "@catv/contracts";
import { addDays, isCalendarDate, jstDate, weekday } from "@catv/contracts/calendar";
import { assertPinLevel } from "@catv/provider-kit";
import { fail } from "../errors.ts";
import { type BookingView, toBookingView } from "./booking-view.ts";
import { isYearEndHoliday } from "./calendar.ts";
import { type FacilityDeps, requireUser } from "./deps.ts";
import type { Booking, Facility, SlotClosureRepository } from "./ports.ts";
import { bookingRules } from "./rules.ts";
import { queueCharge } from "./usage-reports.ts";

export interface BookInput {
  facilityId: string;
  date: string;
  slotCode: string;
}

/** Why a date cannot be booked at a facility, or null when it can (shared with the availability view). */
export function closedReason(facility: Facility, date: string): string | null {
  if (isYearEndHoliday(date)) return "年末年始休館";
  if (facility.closedWeekdays.includes(weekday(date))) return "休館日";
  return null;
}

export function assertBookableDate(facility: Facility, date: string, now: Date): void {
  if (!isCalendarDate(date)) throw fail("validation_failed", "date must be a calendar date (YYYY-MM-DD).");
  const today = jstDate(now);
  if (
    date < addDays(today, bookingRules.earliestDaysAhead) ||
    date > addDays(today, bookingRules.bookableDaysAhead)
  ) {
    throw fail(
      "outside_booking_window",
      `予約できるのは${addDays(today, bookingRules.earliestDaysAhead)}から${addDays(today, bookingRules.bookableDaysAhead)}までです。`,
    );
  }
  const reason = closedReason(facility, date);
  if (reason) throw fail("facility_closed", `${date}は${reason}です。`);
}

/** Refuses a slot staff closed to new bookings, saying why. */
export async function assertSlotNotClosed(
  closures: SlotClosureRepository,
  facilityId: string,
  date: string,
  slotCode: string,
): Promise<void> {
  const closure = await closures.get(facilityId, date, slotCode);
  if (closure) {
    throw fail("slot_closed", `この時間帯は施設の都合により受付を停止しています（${closure.reason}）。`);
  }
}

/**
 * @example const view = await bookFacility(deps, claims, { facilityId: "nanto-gym-fukumitsu", date: "2026-12-05", slotCode: "am" });
 */
export async function bookFacility(
  deps: FacilityDeps,
  claims: PfAssertionClaims,
  input: BookInput,
): Promise<BookingView> {
  const user = await requireUser(deps.store.users, claims.sub);
  const facility = await deps.store.facilities.getFacility(input.facilityId);
  if (!facility) throw fail("not_found", "その施設はありません。");
  const slot = facility.slots.find((s) => s.code === input.slotCode);
  if (!slot) throw fail("not_found", "その時間帯はありません。");
  const now = deps.now();
  assertBookableDate(facility, input.date, now);
  // Before the PIN: a viewer should not enter it for a slot that cannot be booked anyway.
  await assertSlotNotClosed(deps.store.closures, facility.id, input.date, slot.code);
  if (slot.feeYen > 0) assertPinLevel(claims, "有料施設の予約");

  const booking: Booking = {
    id: deps.newId("BK"),
    userId: user.id,
    facilityId: facility.id,
    useDate: input.date,
    slotCode: slot.code,
    status: "booked",
    feeYen: slot.feeYen,
    taxRatePercent: slot.feeYen > 0 ? bookingRules.taxRatePercent : 0,
    serviceId: claims.svc,
    operatorId: user.operatorId,
    createdAt: now.toISOString(),
    cancelledAt: null,
    feeOutcome: slot.feeYen > 0 ? "charged" : "free",
  };
  await deps.store.transaction(async (tx) => {
    await assertSlotNotClosed(tx.closures, facility.id, input.date, slot.code);
    if ((await tx.bookings.countOpen(user.id, jstDate(now))) >= bookingRules.maxOpenBookings) {
      throw fail(
        "booking_limit_reached",
        `同時に持てる予約は${bookingRules.maxOpenBookings}件までです。不要な予約を取り消してください。`,
      );
    }
    if ((await tx.bookings.insert(booking)) === "slot_taken") throw fail("slot_taken");
    if (booking.feeYen > 0) await queueCharge(tx, booking, user.pairwiseId, facility, slot);
  });
  return toBookingView(booking, facility, now);
}
