/**
 * @module Where a booking came from: the TV through the PF (a viewer known by pairwise ID, billed on the cable
 * bill), or the municipal counter (窓口予約: no viewer, never reported to the PF).
 */

/** serviceId of bookings taken at the municipal counter, not through the TV. */
export const COUNTER_SERVICE = "counter";

export type BookingChannel = "tv" | "counter";

export function bookingChannel(serviceId: string): BookingChannel {
  return serviceId === COUNTER_SERVICE ? "counter" : "tv";
}
