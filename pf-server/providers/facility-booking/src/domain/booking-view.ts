/**
 * @module How a booking is shown to the viewer (JSON for the TV app): what, when, the fee and how it is billed,
 * and whether and until when it can still be cancelled — computed here so the TV never re-implements the rules.
 */
import type { Booking } from "@catv/contracts";
import { daysBetween, jstDate } from "@catv/contracts/calendar";
import type { Booking as BookingRecord, Facility } from "./ports.ts";
import { cancellationTerms } from "./quote-booking-terms.ts";
import { bookingRules } from "./rules.ts";

/** The booking as the TV shows it: the `bookingSchema` of the provider's API contract. */
export type BookingView = Booking;

export function toBookingView(booking: BookingRecord, facility: Facility, now: Date): BookingView {
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
  };
}
