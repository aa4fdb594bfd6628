/**
 * @module The facility-booking provider's API (施設予約), as the TV app calls it through the PF proxy
 * (`/v1/services/{serviceId}/api/<path>`, tv-api.ts) with the PF's assertion (provider-api.ts). The provider
 * validates requests with these schemas and answers bodies they parse; the TV app reads the inferred types.
 */
import { z } from "zod";
import { yenSchema } from "./common.ts";

const isoDate = z.iso.date();
/** `HH:MM`, JST. */
const clockTime = z.string().regex(/^[0-9]{2}:[0-9]{2}$/);

/** GET /towns */
export const townSchema = z.object({
  code: z.string(),
  name: z.string(),
  prefecture: z.string(),
  facilityCount: z.number().int().nonnegative(),
});
export const townsResponseSchema = z.object({ towns: z.array(townSchema) });

export const facilityKindSchema = z.enum(["gym", "hall", "meeting_room", "tennis_court"]);

/** GET /towns/{townCode}/facilities and GET /facilities/{facilityId} */
export const facilitySchema = z.object({
  facilityId: z.string(),
  townCode: z.string(),
  townName: z.string(),
  name: z.string(),
  kind: facilityKindSchema,
  /** 体育館, ホール, 会議室, テニスコート. */
  kindLabel: z.string(),
  capacity: z.number().int().positive(),
  address: z.string(),
  opensAt: clockTime,
  closesAt: clockTime,
  /** Weekdays closed every week, as 日…土. */
  closedWeekdays: z.array(z.string()),
  note: z.string(),
  fee: z.object({ minYen: yenSchema, maxYen: yenSchema, free: z.boolean() }),
  slots: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      startsAt: clockTime,
      endsAt: clockTime,
      feeYen: yenSchema.nonnegative(),
      /** A paid slot needs a PIN-level session. */
      requiresPin: z.boolean(),
    }),
  ),
});
export const facilitiesResponseSchema = z.object({ facilities: z.array(facilitySchema) });

/** The most days one availability request covers. */
export const MAX_AVAILABILITY_DAYS = 14;

/** GET /facilities/{facilityId}/availability?from=&days= — `from` defaults to the earliest bookable day. */
export const availabilityQuerySchema = z.object({
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(MAX_AVAILABILITY_DAYS).default(7),
});
export const slotStatusSchema = z.enum(["available", "booked", "mine", "closed", "not_bookable"]);
export const daySlotSchema = z.object({
  code: z.string(),
  label: z.string(),
  startsAt: clockTime,
  endsAt: clockTime,
  feeYen: yenSchema.nonnegative(),
  status: slotStatusSchema,
  /**
   * Why the slot is closed: the day's 休館日, or the facility's own reason for closing this slot to new bookings
   * (設備点検); null when it is open. Absent from providers that do not close single slots.
   */
  closedReason: z.string().nullable().optional(),
});
export const dayAvailabilitySchema = z.object({
  date: isoDate,
  weekday: z.string(),
  /** 休館日 and why, or null on an open day. */
  closedReason: z.string().nullable(),
  slots: z.array(daySlotSchema),
});
export const availabilityResponseSchema = z.object({
  facilityId: z.string(),
  days: z.array(dayAvailabilitySchema),
});

/** POST /bookings — a paid slot needs a PIN-level session (the PF answers `step_up_required` otherwise). */
export const bookingRequestSchema = z.object({
  facilityId: z.string().min(1).max(100),
  date: isoDate,
  slotCode: z.string().min(1).max(20),
});

/**
 * Something the facility wants the holder of a booking to know. `slot_closed`: the facility closed the slot to new
 * bookings after this booking was made; the booking stands, and `message` (Japanese, from the facility's staff)
 * says what the viewer should know.
 */
export const bookingNoticeSchema = z.object({
  kind: z.enum(["slot_closed"]),
  message: z.string(),
  since: z.iso.datetime(),
});

/** A booking as the viewer sees it: what, when, the fee and how it is billed, and whether it can be cancelled. */
export const bookingSchema = z.object({
  bookingId: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  townName: z.string(),
  date: isoDate,
  slot: z.object({ code: z.string(), label: z.string(), startsAt: z.string(), endsAt: z.string() }),
  status: z.enum(["booked", "cancelled"]),
  feeYen: yenSchema.nonnegative(),
  taxRatePercent: z.number().int().nonnegative(),
  /** "ケーブルテレビ料金と一緒に請求されます", or null for a free booking. */
  billing: z.string().nullable(),
  feeOutcome: z.enum(["charged", "refunded", "kept", "free"]),
  createdAt: z.iso.datetime(),
  cancelledAt: z.iso.datetime().nullable(),
  /** Last JST date on which the booking can be cancelled. */
  cancelDeadline: isoDate,
  /** Last JST date on which a cancellation still refunds the fee (null for a free booking). */
  freeCancellationUntil: isoDate.nullable(),
  cancellable: z.boolean(),
  /** The facility's notice to this booking's holder, or null. Absent from providers that send none. */
  notice: bookingNoticeSchema.nullable().optional(),
});

/**
 * GET /booking-terms?facilityId=&date=&slotCode= — what booking this slot would cost and until when it could be
 * cancelled, for the TV's confirm screen: the viewer sees the terms before booking, computed by the provider
 * from the same rules its bookings follow.
 */
export const bookingTermsQuerySchema = z.object({
  facilityId: z.string().min(1).max(100),
  date: isoDate,
  slotCode: z.string().min(1).max(20),
});
export const bookingTermsSchema = z.object({
  facilityId: z.string(),
  date: isoDate,
  slotCode: z.string(),
  feeYen: yenSchema.nonnegative(),
  /** Last JST date on which the booking could be cancelled. */
  cancelDeadline: isoDate,
  /** Last JST date on which a cancellation refunds the fee (null for a free slot). */
  freeCancellationUntil: isoDate.nullable(),
  /** What cancelling after `freeCancellationUntil` costs: the fee is not refunded (0 for a free slot). */
  lateCancellationFeeYen: yenSchema.nonnegative(),
});

/** GET /bookings?scope=open|all */
export const bookingsQuerySchema = z.object({ scope: z.enum(["open", "all"]).default("open") });
export const bookingsResponseSchema = z.object({ bookings: z.array(bookingSchema) });

/** GET /rules — the booking rules, stated once so the TV shows what the provider applies. */
export const bookingRulesResponseSchema = z.object({
  bookableDaysAhead: z.number().int(),
  earliestDaysAhead: z.number().int(),
  maxOpenBookings: z.number().int(),
  cancelUntilDaysBefore: z.number().int(),
  freeCancellationDaysBefore: z.number().int(),
  taxRatePercent: z.number().int(),
  pinRequiredFor: z.array(z.string()),
});

export type Town = z.infer<typeof townSchema>;
export type Facility = z.infer<typeof facilitySchema>;
export type SlotStatus = z.infer<typeof slotStatusSchema>;
export type DaySlot = z.infer<typeof daySlotSchema>;
export type DayAvailability = z.infer<typeof dayAvailabilitySchema>;
export type Booking = z.infer<typeof bookingSchema>;
export type BookingNotice = z.infer<typeof bookingNoticeSchema>;
export type BookingTerms = z.infer<typeof bookingTermsSchema>;
export type BookingRequest = z.infer<typeof bookingRequestSchema>;
