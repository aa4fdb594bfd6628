/**
 * @module Closing a slot to new bookings (受付停止), by the facility's staff: for maintenance, an event of the
 * municipality's own. Viewers can no longer book it (`slot_closed`, with the reason) and see it closed; a booking
 * already made on it stands, and its viewer sees the staff's notice with the booking. Audited, done or refused.
 */
import { fail } from "../errors.ts";
import type { FacilityDeps } from "./deps.ts";
import type { SlotClosure } from "./ports.ts";
import {
  assertStaffDate,
  auditRefusal,
  findSlot,
  type SlotTarget,
  type StaffContext,
} from "./staff-actions.ts";

export interface CloseSlotInput extends SlotTarget {
  /** Shown to every viewer (設備点検のため). */
  reason: string;
  /** For the holder of a booking on the slot; a standard notice naming the reason when empty. */
  noticeToBooked?: string;
}

export const REASON_MAX_LENGTH = 40;
export const NOTICE_MAX_LENGTH = 200;

export function standardNotice(reason: string): string {
  return `施設の都合により、この時間帯は新しい予約の受付を停止しました（${reason}）。お持ちの予約はそのまま有効です。`;
}

/**
 * @example await closeSlot(deps, { staff: "staff", requestId }, { facilityId: "nanto-gym-fukumitsu", date: "2026-12-05", slotCode: "am", reason: "設備点検" });
 */
export function closeSlot(
  deps: FacilityDeps,
  who: StaffContext,
  input: CloseSlotInput,
): Promise<{ closure: SlotClosure; keptBookingId: string | null }> {
  return auditRefusal(deps, who, "slot.close", input, async () => {
    const reason = input.reason.trim();
    const notice = input.noticeToBooked?.trim() ?? "";
    if (reason.length === 0 || reason.length > REASON_MAX_LENGTH) {
      throw fail("validation_failed", `理由を${REASON_MAX_LENGTH}文字以内で入力してください。`);
    }
    if (notice.length > NOTICE_MAX_LENGTH) {
      throw fail("validation_failed", `予約者へのお知らせは${NOTICE_MAX_LENGTH}文字以内で入力してください。`);
    }
    const { facility, slot } = await findSlot(deps.store.facilities, input);
    const now = deps.now();
    assertStaffDate(facility, input.date, now);
    const closure: SlotClosure = {
      facilityId: facility.id,
      useDate: input.date,
      slotCode: slot.code,
      reason,
      noticeToBooked: notice || standardNotice(reason),
      closedAt: now.toISOString(),
      closedBy: who.staff,
    };
    return deps.store.transaction(async (tx) => {
      if ((await tx.closures.insert(closure)) === "already_closed") throw fail("slot_already_closed");
      const kept = (await tx.bookings.listOn(input.date)).find(
        (b) => b.facilityId === facility.id && b.slotCode === slot.code && b.status === "booked",
      );
      await tx.staffAudit.record({
        at: closure.closedAt,
        staff: who.staff,
        action: "slot.close",
        outcome: "done",
        facilityId: facility.id,
        useDate: input.date,
        slotCode: slot.code,
        detail: JSON.stringify({ reason, keptBookingId: kept?.id ?? null }),
        requestId: who.requestId,
      });
      return { closure, keptBookingId: kept?.id ?? null };
    });
  });
}
