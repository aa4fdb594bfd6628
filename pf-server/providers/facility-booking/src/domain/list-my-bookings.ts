/**
 * @module The viewer's bookings (予約の確認), newest use date first; `open` keeps only those still to come.
 */

import { jstDate } from "@catv/contracts/calendar";
import type { BookingView } from "./booking-view.ts";
import { viewBooking } from "./booking-view.ts";
import { type FacilityDeps, requireUser } from "./deps.ts";

export async function listMyBookings(
  deps: FacilityDeps,
  pairwiseId: string,
  scope: "open" | "all",
): Promise<BookingView[]> {
  const user = await requireUser(deps.store.users, pairwiseId);
  const now = deps.now();
  const today = jstDate(now);
  const views: BookingView[] = [];
  for (const b of await deps.store.bookings.listByUser(user.id)) {
    if (scope === "open" && !(b.status === "booked" && b.useDate >= today)) continue;
    views.push(await viewBooking(deps.store, b, now));
  }
  return views;
}
