/**
 * @module What the staff actions share: who acts (the staff login and the request, for the audit trail), the slot
 * they act on, and the audit of a refusal. A done action is audited inside its own transaction (it exists if and
 * only if the change does); a refused one after the rollback, by its error code.
 */
import { addDays, isCalendarDate, jstDate } from "@catv/contracts/calendar";
import { CodedError } from "@catv/service-kit";
import { fail } from "../errors.ts";
import { closedReason } from "./book-facility.ts";
import type { FacilityDeps } from "./deps.ts";
import type { Facility, FacilityRepository, Slot, StaffAction } from "./ports.ts";
import { bookingRules } from "./rules.ts";

export interface StaffContext {
  /** The staff page's login ID. */
  staff: string;
  requestId: string;
}

export interface SlotTarget {
  facilityId: string;
  date: string;
  slotCode: string;
}

/** The facility and slot a staff action names, or `not_found` in plain Japanese. */
export async function findSlot(
  facilities: FacilityRepository,
  target: SlotTarget,
): Promise<{ facility: Facility; slot: Slot }> {
  const facility = await facilities.getFacility(target.facilityId);
  if (!facility) throw fail("not_found", "その施設はありません。");
  const slot = facility.slots.find((s) => s.code === target.slotCode);
  if (!slot) throw fail("not_found", "その時間帯はありません。");
  return { facility, slot };
}

/** Staff act on today and the days viewers can book, on days the facility is open. */
export function assertStaffDate(facility: Facility, date: string, now: Date): void {
  if (!isCalendarDate(date)) throw fail("validation_failed", "日付を YYYY-MM-DD の形で指定してください。");
  const today = jstDate(now);
  const last = addDays(today, bookingRules.bookableDaysAhead);
  if (date < today || date > last) {
    throw fail("outside_booking_window", `受付停止と再開ができるのは${today}から${last}までです。`);
  }
  const reason = closedReason(facility, date);
  if (reason) throw fail("facility_closed", `${date}は${reason}です。`);
}

/** Runs a staff action; a refusal is audited by its code (with nothing of the request but its target) and rethrown. */
export async function auditRefusal<T>(
  deps: FacilityDeps,
  who: StaffContext,
  action: StaffAction,
  target: SlotTarget,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CodedError) {
      await deps.store.staffAudit.record({
        at: deps.now().toISOString(),
        staff: who.staff,
        action,
        outcome: error.code,
        facilityId: target.facilityId.slice(0, 100),
        useDate: target.date.slice(0, 10),
        slotCode: target.slotCode.slice(0, 20),
        detail: null,
        requestId: who.requestId,
      });
    }
    throw error;
  }
}
