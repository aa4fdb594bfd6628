/**
 * @module JSON shapes of the catalogue for the TV app (the booking shape lives in domain/booking-view.ts).
 */

import type { Facility } from "@catv/contracts";
import { WEEKDAY_JA } from "../domain/calendar.ts";
import type { FacilityKind, Facility as FacilityRecord } from "../domain/ports.ts";

const KIND_LABELS: Record<FacilityKind, string> = {
  gym: "体育館",
  hall: "ホール",
  meeting_room: "会議室",
  tennis_court: "テニスコート",
};

export function facilityView(f: FacilityRecord): Facility {
  const fees = f.slots.map((s) => s.feeYen);
  return {
    facilityId: f.id,
    townCode: f.townCode,
    townName: f.townName,
    name: f.name,
    kind: f.kind,
    kindLabel: KIND_LABELS[f.kind],
    capacity: f.capacity,
    address: f.address,
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    closedWeekdays: f.closedWeekdays.map((d) => WEEKDAY_JA[d]!),
    note: f.note,
    fee: { minYen: Math.min(...fees), maxYen: Math.max(...fees), free: fees.every((x) => x === 0) },
    slots: f.slots.map((s) => ({ ...s, requiresPin: s.feeYen > 0 })),
  };
}
