/**
 * @module The PF's `account.*` events for one insurer (events.ts), already verified by the HTTP layer: each is
 * applied once, in the transaction that records its ID (delivery is at least once, so a redelivery changes
 * nothing), by the use case of its type. An event of a type this system does not know yet is kept, unapplied.
 */
import type { VerifierEvent } from "@catv/contracts";
import type { Deps } from "./ports.ts";
import { recordAccountRegistration } from "./record-account-registration.ts";
import { recordAccountRevocation } from "./record-account-revocation.ts";
import { recordAccountUpdate } from "./record-account-update.ts";

export type EventOutcome = "stored" | "duplicate" | "ignored";

export async function receivePfEvent(
  deps: Deps,
  insurerId: string,
  event: VerifierEvent,
  rawJson: string,
  requestId: string,
): Promise<EventOutcome> {
  const at = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.events.remember(insurerId, event.id, event.type, at, rawJson))) return "duplicate";
    const context = { tx, insurerId, at, requestId };
    switch (event.type) {
      case "account.registered":
        await recordAccountRegistration(context, event.data);
        break;
      case "account.updated":
        await recordAccountUpdate(context, event.data);
        break;
      case "account.revoked":
        await recordAccountRevocation(context, event.data);
        break;
    }
    return "stored";
  });
}

/** Keeps an event of a type this system does not apply yet, so nothing the PF sent is lost. */
export async function receiveUnknownPfEvent(
  deps: Deps,
  insurerId: string,
  eventId: string,
  type: string,
  rawJson: string,
): Promise<EventOutcome> {
  const stored = await deps.store.events.remember(
    insurerId,
    eventId,
    type,
    deps.now().toISOString(),
    rawJson,
  );
  return stored ? "ignored" : "duplicate";
}
