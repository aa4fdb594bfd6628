/**
 * @module Keeps what the PF tells us through its signed events: every event once (deduplicated by ID, since
 * delivery is at least once), the viewer's operator from `enrolment.created` (for the per-operator report),
 * and each operator's monthly settlement with its per-record collection status from `settlement.issued`.
 */
import type { ProviderEvent } from "@catv/contracts";
import type { EventOutcome } from "@catv/provider-kit";
import type { FacilityDeps } from "./deps.ts";

export function receivePfEvent(
  deps: FacilityDeps,
  event: ProviderEvent,
  rawJson: string,
): Promise<EventOutcome> {
  const receivedAt = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.events.recordIfNew({ id: event.id, type: event.type, receivedAt, payload: rawJson }))) {
      return "duplicate";
    }
    if (event.type === "enrolment.created") {
      await tx.users.setOperator(event.data.pairwiseId, event.data.operatorId);
    } else {
      const s = event.data;
      // The settlement names its operator as the operator names itself: staff pages show that name.
      await tx.operators.remember({ id: s.operatorId, name: s.operatorName }, "settlement", receivedAt);
      await tx.settlements.save({
        id: s.settlementId,
        eventId: event.id,
        operatorId: s.operatorId,
        operatorName: s.operatorName,
        town: s.town,
        month: s.month,
        recordsCollected: s.recordsCollected,
        reversals: s.reversals,
        grossYen: s.grossYen,
        collectionFeeYen: s.collectionFeeYen,
        netPayableYen: s.netPayableYen,
        receivedAt,
        records: s.records.map((r) => ({
          providerReference: r.providerReference,
          status: r.status,
          amountYen: r.amountYen,
        })),
      });
      // The operator that collected a charge is the viewer's operator: it fills in what an enrolment.created
      // we never received would have told us, so the report groups usage and settlement alike.
      for (const r of s.records) {
        await tx.bookings.assignOperatorIfUnknown(r.providerReference.replace(/-CANCEL$/, ""), s.operatorId);
      }
    }
    return "stored";
  });
}

/** Keeps an event of a type this provider does not use yet, so nothing the PF sent is lost. */
export async function receiveUnknownPfEvent(
  deps: FacilityDeps,
  id: string,
  type: string,
  rawJson: string,
): Promise<EventOutcome> {
  const stored = await deps.store.events.recordIfNew({
    id,
    type,
    receivedAt: deps.now().toISOString(),
    payload: rawJson,
  });
  return stored ? "ignored" : "duplicate";
}
