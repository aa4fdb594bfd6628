/**
 * @module The facility-booking provider's API (its contract: packages/contracts/src/facility-booking-api.ts) as the
 * TV app calls it through the PF proxy (`/v1/services/{serviceId}/api/...`). Every call to this provider lives here.
 */
import type { Booking, BookingRequest, BookingTerms, DayAvailability, Facility, Town } from "@catv/contracts";
import { ServiceClient } from "./service-client.ts";

export type {
  Booking,
  BookingTerms,
  DayAvailability,
  DaySlot,
  Facility,
  SlotStatus,
  Town,
} from "@catv/contracts";

export class FacilityClient extends ServiceClient {
  async towns(): Promise<Town[]> {
    return (await this.call<{ towns: Town[] }>("GET", "towns")).towns;
  }
  async facilities(townCode: string): Promise<Facility[]> {
    const path = `towns/${encodeURIComponent(townCode)}/facilities`;
    return (await this.call<{ facilities: Facility[] }>("GET", path)).facilities;
  }
  /** Up to 14 days of slots from `from` (JST date). */
  async availability(facilityId: string, from: string, days: number): Promise<DayAvailability[]> {
    const path = `facilities/${encodeURIComponent(facilityId)}/availability?from=${from}&days=${days}`;
    return (await this.call<{ days: DayAvailability[] }>("GET", path)).days;
  }
  /** What booking this slot would cost, and until when it could be cancelled (for the confirm screen). */
  terms(input: BookingRequest): Promise<BookingTerms> {
    const query = new URLSearchParams(input).toString();
    return this.call<BookingTerms>("GET", `booking-terms?${query}`);
  }
  /** A paid slot needs a PIN-level session: the PF answers step_up_required otherwise. */
  book(input: BookingRequest): Promise<Booking> {
    return this.call<Booking>("POST", "bookings", input);
  }
  async myBookings(): Promise<Booking[]> {
    return (await this.call<{ bookings: Booking[] }>("GET", "bookings?scope=open")).bookings;
  }
  cancel(bookingId: string): Promise<Booking> {
    return this.call<Booking>("POST", `bookings/${encodeURIComponent(bookingId)}/cancel`);
  }
}
