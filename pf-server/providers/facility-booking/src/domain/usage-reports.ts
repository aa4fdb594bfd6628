/**
 * @module Usage reporting (flow 4 of the design): a fee-bearing booking becomes a `charge` on the viewer's cable
 * bill, a refunded cancellation a `reversal`. Reports are queued in the outbox inside the booking's transaction
 * and sent by `flushUsageOutbox` (`@catv/provider-kit`), which keeps the same Idempotency-Key on every retry so the PF bills each
 * once, however many times a delivery is repeated.
 */
import { type UsageReportRequest, usageReportRequestSchema } from "@catv/contracts";
import type { Booking, Facility, FacilityRepositories, Slot } from "./ports.ts";

export function chargeKey(bookingId: string): string {
  return `prov-facility:${bookingId}:charge`;
}
export function reversalKey(bookingId: string): string {
  return `prov-facility:${bookingId}:reversal`;
}

function describe(facility: Facility, slot: Slot, date: string): string {
  return `${facility.townName} ${facility.name} ${date} ${slot.label}(${slot.startsAt}-${slot.endsAt}) 使用料`.slice(
    0,
    200,
  );
}

/** Queues the charge of a new fee-bearing booking; call inside the booking's transaction. */
export async function queueCharge(
  tx: FacilityRepositories,
  booking: Booking,
  pairwiseId: string,
  facility: Facility,
  slot: Slot,
): Promise<void> {
  const body: UsageReportRequest = usageReportRequestSchema.parse({
    pairwiseId,
    serviceId: booking.serviceId,
    kind: "charge",
    amountYen: booking.feeYen,
    taxRatePercent: booking.taxRatePercent,
    description: describe(facility, slot, booking.useDate),
    occurredAt: booking.createdAt,
    providerReference: booking.id,
  });
  await tx.outbox.add({
    idempotencyKey: chargeKey(booking.id),
    bookingId: booking.id,
    kind: "charge",
    body: JSON.stringify(body),
    createdAt: booking.createdAt,
  });
}

/** Queues the reversal of a refunded cancellation; call inside the cancellation's transaction. */
export async function queueReversal(
  tx: FacilityRepositories,
  booking: Booking,
  pairwiseId: string,
  facility: Facility,
  slot: Slot,
  cancelledAt: string,
): Promise<void> {
  const body: UsageReportRequest = usageReportRequestSchema.parse({
    pairwiseId,
    serviceId: booking.serviceId,
    kind: "reversal",
    amountYen: booking.feeYen,
    taxRatePercent: booking.taxRatePercent,
    description: `取消 ${describe(facility, slot, booking.useDate)}`.slice(0, 200),
    occurredAt: cancelledAt,
    providerReference: `${booking.id}-CANCEL`,
    reverses: booking.id,
  });
  await tx.outbox.add({
    idempotencyKey: reversalKey(booking.id),
    bookingId: booking.id,
    kind: "reversal",
    body: JSON.stringify(body),
    createdAt: cancelledAt,
  });
}
