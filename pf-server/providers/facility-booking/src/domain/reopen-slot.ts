/**
 * @module Reopening a slot staff closed (受付再開): viewers can book it again if it is free. Audited, done or
 * refused.
 */
import { fail } from "../errors.ts";
import type { FacilityDeps } from "./deps.ts";
import {
  assertStaffDate,
  auditRefusal,
  findSlot,
  type SlotTarget,
  type StaffContext,
} from "./staff-actions.ts";

/**
 * @example await reopenSlot(deps, { staff: "staff", requestId }, { facilityId: "nanto-gym-fukumitsu", date: "2026-12-05", slotCode: "am" });
 */
export function reopenSlot(deps: FacilityDeps, who: StaffContext, target: SlotTarget): Promise<void> {
  return auditRefusal(deps, who, "slot.reopen", target, async () => {
    const { facility, slot } = await findSlot(deps.store.facilities, target);
    const now = deps.now();
    assertStaffDate(facility, target.date, now);
    await deps.store.transaction(async (tx) => {
      if (!(await tx.closures.delete(facility.id, target.date, slot.code))) throw fail("slot_not_closed");
      await tx.staffAudit.record({
        at: now.toISOString(),
        staff: who.staff,
        action: "slot.reopen",
        outcome: "done",
        facilityId: facility.id,
        useDate: target.date,
        slotCode: slot.code,
        detail: null,
        requestId: who.requestId,
      });
    });
  });
}
