/**
 * @module How a booking is shown to the viewer (JSON for the TV app): what, when, the fee and how it is billed,
 * and whether and until when it can still be cancelled — computed here so the TV never re-implements the rules —
 * and, when staff closed its slot after it was made, their notice to the viewer (the booking stands).
 */
import type { Booking } from "@catv/contracts";
import { daysBetween, jstDate } from "@catv/contracts/calendar";
import type { Booking as BookingRecord, Facility, FacilityRepositories, SlotClosure } from "./ports.ts";
import { cancellationTerms } from "./quote-booking-terms.ts";
import { bookingRules } from "./rules.ts";

/** The booking as the TV shows it: the `bookingSchema` of the provider's API contract. */
export type BookingView = Booking;

export function toBookingView(
  booking: BookingRecord,
  facility: Facility,
  now: Date,
  closure?: SlotClosure,
): BookingView {
  const slot = facility.slots.find((s) => s.code === booking.slotCode);
  const { cancelDeadline, freeCancellationUntil } = cancellationTerms(booking.useDate, booking.feeYen);
  return {
    bookingId: booking.id,
    facilityId: facility.id,
    facilityName: facility.name,
    townName: facility.townName,
    date: booking.useDate,
    slot: {
      code: booking.slotCode,
      label: slot?.label ?? booking.slotCode,
      startsAt: slot?.startsAt ?? "",
      endsAt: slot?.endsAt ?? "",
    },
    status: booking.status,
    feeYen: booking.feeYen,
    taxRatePercent: booking.taxRatePercent,
    billing: booking.feeYen > 0 ? "ケーブルテレビ料金と一緒に請求されます" : null,
    feeOutcome: booking.feeOutcome,
    createdAt: booking.createdAt,
    cancelledAt: booking.cancelledAt,
    cancelDeadline,
    freeCancellationUntil,
    cancellable:
      booking.status === "booked" &&
      daysBetween(jstDate(now), booking.useDate) >= bookingRules.cancelUntilDaysBefore,
    notice:
      closure && booking.status === "booked"
        ? { kind: "slot_closed", message: closure.noticeToBooked, since: closure.closedAt }
        : null,
  };
}

/** A stored booking as the viewer sees it, with its facility and any closure of its slot looked up. */
export async function viewBooking(
  repositories: Pick<FacilityRepositories, "facilities" | "closures">,
  booking: BookingRecord,
  now: Date,
): Promise<BookingView> {
  const facility = (await repositories.facilities.getFacility(booking.facilityId))!;
  const closure = await repositories.closures.get(booking.facilityId, booking.useDate, booking.slotCode);
  return toBookingView(booking, facility, now, closure);
}
