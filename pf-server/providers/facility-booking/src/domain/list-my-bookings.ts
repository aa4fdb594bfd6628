/**
 * @module The viewer's bookings (予約の確認), newest use date first; `open` keeps only those still to come.
 */

import { jstDate } from "@catv/contracts/calendar";
import type { BookingView } from "./booking-view.ts";
import { toBookingView } from "./booking-view.ts";
import { type FacilityDeps, requireUser } from "./deps.ts";

export function listMyBookings(deps: FacilityDeps, pairwiseId: string, scope: "open" | "all"): BookingView[] {
  const user = requireUser(deps, pairwiseId);
  const now = deps.now();
  const today = jstDate(now);
  return deps.store.bookings
    .listByUser(user.id)
    .filter((b) => scope === "all" || (b.status === "booked" && b.useDate >= today))
    .map((b) => toBookingView(b, deps.store.facilities.getFacility(b.facilityId)!, now));
}
