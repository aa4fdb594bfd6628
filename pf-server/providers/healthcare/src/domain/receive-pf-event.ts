/**
 * @module Keeps the PF's signed events once each (deduplicated by ID); `enrolment.created` tells us the viewer's
 * operator and counts as an enrolment on the staff page. A `settlement.issued` is kept as it came (this service charges nothing, so there is nothing to
 * reconcile against).
 */
import type { ProviderEvent } from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import type { EventOutcome } from "@catv/provider-kit";
import type { HealthDeps } from "./deps.ts";

export function receivePfEvent(
  deps: HealthDeps,
  event: ProviderEvent,
  rawJson: string,
): Promise<EventOutcome> {
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.events.recordIfNew({
      id: event.id,
      type: event.type,
      receivedAt: deps.now().toISOString(),
      payload: rawJson,
    });
    if (!fresh) return "duplicate";
    if (event.type === "enrolment.created") {
      await tx.users.setOperator(event.data.pairwiseId, event.data.operatorId);
      await tx.usage.add(jstMonth(new Date(event.data.enrolledAt)), event.data.operatorId, "enrolment");
    } else {
      // The settlement names its operator as the operator names itself: the staff page shows that name.
      await tx.operators.remember(
        { id: event.data.operatorId, name: event.data.operatorName },
        "settlement",
        deps.now().toISOString(),
      );
    }
    return "stored";
  });
}

export async function receiveUnknownPfEvent(
  deps: HealthDeps,
  id: string,
  type: string,
  rawJson: string,
): Promise<EventOutcome> {
  const fresh = await deps.store.events.recordIfNew({
    id,
    type,
    receivedAt: deps.now().toISOString(),
    payload: rawJson,
  });
  return fresh ? "ignored" : "duplicate";
}
