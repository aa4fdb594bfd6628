/**
 * @module The staff's day view (予約台帳): for one date, every facility (of one town, or all) with each slot's
 * state — free, booked (through the TV or at the counter, with the viewer's CATV operator by name for the TV),
 * closed by staff (with the reason and who closed it), or the whole day closed — and the bookings cancelled on
 * it, shown as cancelled with what happened to the fee. Viewers appear only by booking number.
 */
import { isCalendarDate, weekday } from "@catv/contracts/calendar";
import { operatorLabel } from "@catv/provider-kit";
import { fail } from "../errors.ts";
import { closedReason } from "./book-facility.ts";
import { WEEKDAY_JA } from "./calendar.ts";
import { type BookingChannel, bookingChannel } from "./channels.ts";
import type { FacilityDeps } from "./deps.ts";
import type { FeeOutcome, Town } from "./ports.ts";

export interface DayBooking {
  bookingId: string;
  channel: BookingChannel;
  status: "booked" | "cancelled";
  feeYen: number;
  feeOutcome: FeeOutcome;
  /** The viewer's CATV operator by name (TV bookings), or null for the counter. */
  operatorName: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

export interface DaySlotState {
  code: string;
  label: string;
  startsAt: string;
  endsAt: string;
  feeYen: number;
  /** The live booking on the slot, if any. */
  booking: DayBooking | null;
  /** Bookings of the slot cancelled earlier (the slot may have been booked again since). */
  cancelled: DayBooking[];
  closure: { reason: string; noticeToBooked: string; closedAt: string; closedBy: string } | null;
}

export interface DayFacility {
  facilityId: string;
  name: string;
  townCode: string;
  townName: string;
  /** 休館日 or 年末年始休館 when the whole day is closed, else null. */
  closedReason: string | null;
  slots: DaySlotState[];
}

export interface DayBookings {
  date: string;
  weekday: string;
  townCode: string | null;
  towns: Town[];
  facilities: DayFacility[];
}

/**
 * @example const day = await listDayBookings(deps, "2026-12-05", "nanto");
 */
export async function listDayBookings(
  deps: FacilityDeps,
  date: string,
  townCode: string | null,
): Promise<DayBookings> {
  if (!isCalendarDate(date)) throw fail("validation_failed", "日付を YYYY-MM-DD の形で指定してください。");
  const { store } = deps;
  const towns = await store.facilities.listTowns();
  if (townCode !== null && !towns.some((t) => t.code === townCode)) {
    throw fail("not_found", "その市町村はありません。");
  }
  const facilities = (
    await Promise.all(
      towns
        .filter((t) => townCode === null || t.code === townCode)
        .map((t) => store.facilities.listFacilities(t.code)),
    )
  ).flat();
  const bookings = await store.bookings.listOn(date);
  const closures = await store.closures.listOn(date);
  const names = await store.operators.names();
  const dayBooking = (b: (typeof bookings)[number]): DayBooking => {
    const channel = bookingChannel(b.serviceId);
    return {
      bookingId: b.id,
      channel,
      status: b.status,
      feeYen: b.feeYen,
      feeOutcome: b.feeOutcome,
      operatorName: channel === "tv" ? operatorLabel(names, b.operatorId) : null,
      createdAt: b.createdAt,
      cancelledAt: b.cancelledAt,
    };
  };
  return {
    date,
    weekday: WEEKDAY_JA[weekday(date)]!,
    townCode,
    towns,
    facilities: facilities.map((f) => ({
      facilityId: f.id,
      name: f.name,
      townCode: f.townCode,
      townName: f.townName,
      closedReason: closedReason(f, date),
      slots: f.slots.map((s) => {
        const ofSlot = bookings.filter((b) => b.facilityId === f.id && b.slotCode === s.code);
        const live = ofSlot.find((b) => b.status === "booked");
        const closure = closures.find((c) => c.facilityId === f.id && c.slotCode === s.code);
        return {
          code: s.code,
          label: s.label,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          feeYen: s.feeYen,
          booking: live ? dayBooking(live) : null,
          cancelled: ofSlot.filter((b) => b.status === "cancelled").map(dayBooking),
          closure: closure
            ? {
                reason: closure.reason,
                noticeToBooked: closure.noticeToBooked,
                closedAt: closure.closedAt,
                closedBy: closure.closedBy,
              }
            : null,
        };
      }),
    })),
  };
}
