/**
 * @module How a booking is shown to the viewer (JSON for the TV app): what, when, the fee and how it is billed,
 * and whether and until when it can still be cancelled — computed here so the TV never re-implements the rules.
 */
import { addDays, daysBetween, jstDate } from "./calendar.ts";
import type { Booking, Facility } from "./ports.ts";
import { bookingRules } from "./rules.ts";

export interface BookingView {
  bookingId: string;
  facilityId: string;
  facilityName: string;
  townName: string;
  date: string;
  slot: { code: string; label: string; startsAt: string; endsAt: string };
  status: "booked" | "cancelled";
  feeYen: number;
  taxRatePercent: number;
  /** How the fee is paid; shown on the confirmation screen. */
  billing: string | null;
  feeOutcome: Booking["feeOutcome"];
  createdAt: string;
  cancelledAt: string | null;
  /** Last JST date on which the booking can be cancelled. */
  cancelDeadline: string;
  /** Last JST date on which a cancellation still refunds the fee (null for a free booking). */
  freeCancellationUntil: string | null;
  cancellable: boolean;
}

export function toBookingView(booking: Booking, facility: Facility, now: Date): BookingView {
  const slot = facility.slots.find((s) => s.code === booking.slotCode);
  const cancelDeadline = addDays(booking.useDate, -bookingRules.cancelUntilDaysBefore);
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
    freeCancellationUntil:
      booking.feeYen > 0 ? addDays(booking.useDate, -bookingRules.freeCancellationDaysBefore) : null,
    cancellable:
      booking.status === "booked" &&
      daysBetween(jstDate(now), booking.useDate) >= bookingRules.cancelUntilDaysBefore,
  };
}
