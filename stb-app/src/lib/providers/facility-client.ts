/**
 * @module The facility-booking provider's API as the TV app calls it through the PF proxy
 * (`/v1/services/{serviceId}/api/...`). All calls to this provider live here so they are easy to align with
 * `pf-server/providers/facility-booking` as it evolves.
 */
import type { PfClient } from "../pf/pf-client.ts";

export interface Town {
  townId: string;
  name: string;
}
export interface Facility {
  facilityId: string;
  townId: string;
  name: string;
  /** Shown under the name: the kind of place (体育館, 会議室 …). */
  category?: string;
}
export interface Slot {
  slotId: string;
  /** The room or court within the facility. */
  roomName: string;
  /** ISO date-times. */
  startsAt: string;
  endsAt: string;
  available: boolean;
  /** Tax-included fee charged with the cable bill. */
  feeYen: number;
}
export interface Booking {
  bookingId: string;
  facilityName: string;
  roomName: string;
  startsAt: string;
  endsAt: string;
  feeYen: number;
  status: "confirmed" | "cancelled";
}

export class FacilityClient {
  #pf: PfClient;
  #serviceId: string;
  constructor(pf: PfClient, serviceId: string) {
    this.#pf = pf;
    this.#serviceId = serviceId;
  }
  async towns(): Promise<Town[]> {
    return (await this.#call<{ towns: Town[] }>("GET", "towns")).towns;
  }
  async facilities(townId: string): Promise<Facility[]> {
    return (
      await this.#call<{ facilities: Facility[] }>("GET", `facilities?townId=${encodeURIComponent(townId)}`)
    ).facilities;
  }
  async slots(facilityId: string, date: string): Promise<Slot[]> {
    const path = `facilities/${encodeURIComponent(facilityId)}/slots?date=${encodeURIComponent(date)}`;
    return (await this.#call<{ slots: Slot[] }>("GET", path)).slots;
  }
  /** Needs a PIN-level session (it costs money): the PF answers step_up_required otherwise. */
  book(slotId: string): Promise<Booking> {
    return this.#call<Booking>("POST", "bookings", { slotId });
  }
  async myBookings(): Promise<Booking[]> {
    return (await this.#call<{ bookings: Booking[] }>("GET", "bookings")).bookings;
  }
  cancel(bookingId: string): Promise<Booking> {
    return this.#call<Booking>("DELETE", `bookings/${encodeURIComponent(bookingId)}`);
  }
  #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#pf.service<T>(this.#serviceId, method, path, body);
  }
}
