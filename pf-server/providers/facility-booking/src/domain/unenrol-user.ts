/**
 * @module Unenrolment (利用停止), called by the PF when the viewer leaves the service or their card is revoked.
 *
 * Policy (stated in the README): we delete the user record — the link to the pairwise ID and the consent — at
 * once. Bookings still to come are cancelled so the slots go back to other residents, with the same refund rule
 * as a cancellation but no deadline. Past and cancelled bookings stay as the municipality's fee records
 * (使用料の収入記録), with no link to the person. Usage reports already queued are still delivered: they are
 * what the viewer's cable bill is made from.
 */
import { jstDate } from "@catv/contracts/calendar";
import { cancelInTransaction } from "./cancel-booking.ts";
import type { FacilityDeps } from "./deps.ts";

export function unenrolUser(
  deps: FacilityDeps,
  pairwiseId: string,
): Promise<{ unenrolled: boolean; cancelledBookings: number }> {
  return deps.store.transaction(async (tx) => {
    const user = await tx.users.findByPairwiseId(pairwiseId);
    if (!user) return { unenrolled: false, cancelledBookings: 0 };
    const now = deps.now();
    const open = await tx.bookings.listOpen(user.id, jstDate(now));
    for (const booking of open) await cancelInTransaction(tx, booking, user.pairwiseId, now);
    await tx.users.delete(user.id);
    return { unenrolled: true, cancelledBookings: open.length };
  });
}
