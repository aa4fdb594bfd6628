/**
 * @module Cancelling a booking (予約取消). Accepted until the end of the day before use; cancelled at least
 * `freeCancellationDaysBefore` days ahead, a paid booking's fee is refunded (使用料の還付) by reporting a
 * reversal to the PF, later the fee is kept, as the municipalities' regulations say.
 */

import { daysBetween, jstDate } from "@catv/contracts/calendar";
import { fail } from "../errors.ts";
import { type BookingView, viewBooking } from "./booking-view.ts";
import { type FacilityDeps, requireUser } from "./deps.ts";
import type { Booking, FacilityRepositories, FeeOutcome } from "./ports.ts";
import { bookingRules } from "./rules.ts";
import { queueReversal } from "./usage-reports.ts";

/** What happens to the fee when a booking is cancelled today. */
export function feeOutcomeOnCancel(booking: Booking, today: string): FeeOutcome {
  if (booking.feeYen === 0) return "free";
  return daysBetween(today, booking.useDate) >= bookingRules.freeCancellationDaysBefore ? "refunded" : "kept";
}

/**
 * Marks a booking cancelled and queues its reversal when refunded, through a transaction's repositories.
 * Returns the fee outcome.
 */
export async function cancelInTransaction(
  tx: FacilityRepositories,
  booking: Booking,
  pairwiseId: string,
  now: Date,
): Promise<FeeOutcome> {
  const outcome = feeOutcomeOnCancel(booking, jstDate(now));
  const at = now.toISOString();
  await tx.bookings.markCancelled(booking.id, at, outcome);
  if (outcome === "refunded") {
    const facility = (await tx.facilities.getFacility(booking.facilityId))!;
    const slot = facility.slots.find((s) => s.code === booking.slotCode)!;
    await queueReversal(tx, booking, pairwiseId, facility, slot, at);
  }
  return outcome;
}

/**
 * @example const view = await cancelBooking(deps, claims.sub, "BK-7Q2M9X4D1R");
 */
export async function cancelBooking(
  deps: FacilityDeps,
  pairwiseId: string,
  bookingId: string,
): Promise<BookingView> {
  const user = await requireUser(deps.store.users, pairwiseId);
  const now = deps.now();
  await deps.store.transaction(async (tx) => {
    // Re-read inside the transaction so two cancels of the same booking cannot both report a reversal.
    const booking = await tx.bookings.get(bookingId);
    // Another viewer's booking is "not found": its existence is not theirs to learn.
    if (!booking || booking.userId !== user.id) throw fail("not_found", "その予約はありません。");
    if (booking.status === "cancelled") throw fail("already_cancelled");
    if (daysBetween(jstDate(now), booking.useDate) < bookingRules.cancelUntilDaysBefore) {
      throw fail("cancellation_deadline_passed");
    }
    await cancelInTransaction(tx, booking, user.pairwiseId, now);
  });
  return viewBooking(deps.store, (await deps.store.bookings.get(bookingId))!, now);
}
