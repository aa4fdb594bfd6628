/**
 * @module Receives one PF webhook (Standard Webhooks): finds the operator whose secret verifies the signature,
 * parses the event, deduplicates it by event ID (delivery is at least once) and hands it to the use case of its
 * type, in the same transaction as the dedup row, so a crash never leaves an event half-applied or applied twice.
 */
import { type OperatorEvent, operatorEventSchema } from "@catv/contracts";
import { checkWebhook, type WebhookHeaders } from "@catv/service-kit";
import { ConsoleError } from "../errors.ts";
import { type Deps, inTransaction } from "./context.ts";
import { recordCableIdRegistration } from "./record-cable-id-registration.ts";
import { recordCableIdRevocation } from "./record-cable-id-revocation.ts";
import { recordCableIdUpdate } from "./record-cable-id-update.ts";
import { recordUsage } from "./record-usage.ts";

export type EventOutcome = "applied" | "duplicate";

/** The use case of one event type: applies a verified, new event of `operatorId`, received at `at`. */
type ApplyEvent<T extends OperatorEvent["type"]> = (
  deps: Deps,
  operatorId: string,
  event: Extract<OperatorEvent, { type: T }>,
  at: string,
) => Promise<void>;

const useCases: { [T in OperatorEvent["type"]]: ApplyEvent<T> } = {
  "cable_id.registered": recordCableIdRegistration,
  "cable_id.updated": recordCableIdUpdate,
  "cable_id.revoked": recordCableIdRevocation,
  "usage.reported": recordUsage,
};

export interface PfWebhookHeaders extends WebhookHeaders {
  /** `x-catv-operator-id`, which the PF adds: a hint that narrows the secrets tried, never trusted alone. */
  operatorHint?: string | undefined;
}

/**
 * Finds the operator whose `whsec_` secret verifies the signature (the PF signs with the receiving operator's own
 * secret). The PF's `x-catv-operator-id` header only picks which secret to try; without it every one is tried.
 */
export async function identifyOperator(deps: Deps, headers: PfWebhookHeaders, body: string): Promise<string> {
  const hinted = headers.operatorHint
    ? await deps.repos.accounts.getOperator(headers.operatorHint)
    : undefined;
  const candidates = hinted ? [hinted] : await deps.repos.accounts.listOperators();
  const check = checkWebhook(
    candidates.map((operator) => operator.webhookSecret),
    headers,
    body,
    deps.now(),
  );
  if (!check.ok) throw new ConsoleError(check.refusal);
  return candidates[check.secretIndex]!.id;
}

function parseEvent(body: string, webhookId: string | undefined): OperatorEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ConsoleError("webhook_payload_invalid", "Webhook body is not JSON.");
  }
  const parsed = operatorEventSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConsoleError("webhook_payload_invalid", undefined, {
      issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`).slice(0, 5),
    });
  }
  if (parsed.data.id !== webhookId) {
    throw new ConsoleError("webhook_payload_invalid", "The envelope id differs from the webhook-id header.");
  }
  return parsed.data;
}

export async function receivePfEvent(
  deps: Deps,
  headers: PfWebhookHeaders,
  body: string,
): Promise<EventOutcome> {
  const operatorId = await identifyOperator(deps, headers, body);
  const event = parseEvent(body, headers.id);
  const outcome = await inTransaction(deps, async (tx): Promise<EventOutcome> => {
    const at = tx.now().toISOString();
    if (!(await tx.repos.pfSync.markEventSeen(operatorId, event.id, event.type, at))) return "duplicate";
    const apply = useCases[event.type] as ApplyEvent<OperatorEvent["type"]>;
    await apply(tx, operatorId, event, at);
    return "applied";
  });
  // A registration owes the PF its household-link state; it goes out once the event's unit of work committed.
  if (outcome === "applied" && event.type === "cable_id.registered") deps.pfDeliveryDue?.();
  return outcome;
}
