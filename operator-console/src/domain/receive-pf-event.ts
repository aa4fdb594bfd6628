/**
 * @module Receives one PF webhook (Standard Webhooks): finds the operator whose secret verifies the signature,
 * deduplicates by event ID (delivery is at least once), and applies the event in the same transaction as the
 * dedup row, so a crash never leaves an event half-applied or applied twice.
 */
import { type OperatorEvent, operatorEventSchema } from "@catv/contracts";
import { ConsoleError } from "../errors.ts";
import { type Deps, jstMonth, nextMonth } from "./context.ts";
import { findAutomaticMatch } from "./link-cable-id.ts";
import { checkWebhook, type WebhookHeaders } from "./verify-webhook.ts";

export type EventOutcome = "applied" | "duplicate";

/**
 * Finds the operator whose `whsec_` secret verifies the signature (the PF signs with the receiving operator's own
 * secret). The PF's `x-catv-operator-id` header only picks which secret to try; without it every one is tried.
 */
export function identifyOperator(deps: Deps, headers: WebhookHeaders, body: string): string {
  let stale = false;
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const hinted = headers.operatorHint ? deps.repos.accounts.getOperator(headers.operatorHint) : undefined;
  for (const operator of hinted ? [hinted] : deps.repos.accounts.listOperators()) {
    const check = checkWebhook(operator.webhookSecret, headers, body, nowSeconds);
    if (check === "ok") return operator.id;
    if (check === "stale_timestamp") stale = true;
  }
  throw new ConsoleError(stale ? "webhook_timestamp_out_of_range" : "webhook_signature_invalid");
}

export function receivePfEvent(deps: Deps, headers: WebhookHeaders, body: string): EventOutcome {
  const operatorId = identifyOperator(deps, headers, body);
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
  const event = parsed.data;
  if (event.id !== headers.id) {
    throw new ConsoleError("webhook_payload_invalid", "The envelope id differs from the webhook-id header.");
  }
  const { repos } = deps;
  return repos.transaction(() => {
    const at = deps.now().toISOString();
    if (!repos.pfSync.markEventSeen(operatorId, event.id, event.type, at)) return "duplicate";
    applyEvent(deps, operatorId, event, at);
    return "applied";
  });
}

function applyEvent(deps: Deps, operatorId: string, event: OperatorEvent, at: string): void {
  const { repos } = deps;
  switch (event.type) {
    case "cable_id.registered": {
      const { data } = event;
      repos.cableIds.insert(operatorId, {
        cableId: data.cableId,
        terminalId: data.terminalId,
        registeredAt: data.registeredAt,
        fourInfo: data.fourInfo,
      });
      const link =
        assistedLink(deps, operatorId, data.assisted) ?? findAutomaticMatch(deps, operatorId, data.fourInfo);
      if (link) {
        repos.cableIds.link(operatorId, data.cableId, { ...link, at });
      }
      repos.pfSync.enqueueLink(operatorId, data.cableId, link ? "linked" : "pending", at);
      deps.pfDeliveryDue?.();
      deps.log("info", "cable_id.registered", {
        operatorId,
        cableId: data.cableId,
        linked: link?.method ?? "queue",
      });
      return;
    }
    case "cable_id.updated": {
      const { data } = event;
      const current = repos.cableIds.get(operatorId, data.cableId);
      repos.cableIds.addReview(operatorId, {
        cableId: data.cableId,
        kind: data.reason,
        previousFourInfo: current?.fourInfo ?? null,
        newFourInfo: data.fourInfo,
        detail: current ? null : "未登録のケーブルIDに対する更新通知",
        receivedAt: at,
      });
      if (current) repos.cableIds.replaceFourInfo(operatorId, data.cableId, data.fourInfo);
      return;
    }
    case "cable_id.revoked": {
      const { data } = event;
      repos.cableIds.revoke(operatorId, data.cableId, data.revokedAt);
      repos.cableIds.addReview(operatorId, {
        cableId: data.cableId,
        kind: "revoked",
        previousFourInfo: null,
        newFourInfo: null,
        detail: `${data.certificate === "signature" ? "署名用" : "利用者証明用"}電子証明書の失効（${data.reason}）`,
        receivedAt: at,
      });
      return;
    }
    case "usage.reported": {
      const { data } = event;
      // A record for a month already closed is billed in the next open month, never on a frozen statement.
      const closed = repos.usage.closedMonths(operatorId);
      let month = jstMonth(data.occurredAt);
      while (closed.has(month)) month = nextMonth(month);
      repos.usage.insert(operatorId, {
        usageId: data.usageId,
        cableId: data.cableId,
        providerId: data.providerId,
        providerName: data.providerName,
        serviceId: data.serviceId,
        kind: data.kind,
        amountYen: data.amountYen,
        taxRatePercent: data.taxRatePercent,
        description: data.description,
        occurredAt: data.occurredAt,
        reversesUsageId: data.reversesUsageId ?? null,
        billingMonth: month,
        receivedAt: at,
      });
      return;
    }
  }
}

/** An assisted registration names the member staff chose; trust it only if that member is this operator's. */
function assistedLink(
  deps: Deps,
  operatorId: string,
  assisted: { contractId: string; memberId: string } | undefined,
) {
  if (!assisted) return undefined;
  const member = deps.repos.households.memberByMemberId(operatorId, assisted.memberId);
  const household = member && deps.repos.households.get(operatorId, member.householdId);
  if (!member || !household || household.contractId !== assisted.contractId) {
    deps.log("warn", "assisted registration names an unknown member; queued for staff", { operatorId });
    return undefined;
  }
  return { householdId: household.id, memberRowId: member.id, method: "assisted" as const };
}
