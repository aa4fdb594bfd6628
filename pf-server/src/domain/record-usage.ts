/**
 * @module Usage from providers (flow 4): a chargeable record for a pairwise ID, made idempotent by the
 * provider's `Idempotency-Key` (same key + same body → the same answer; same key + other body → conflict),
 * mapped back to the cable ID and delivered to the viewer's operator as `usage.reported`.
 */
import { createHash } from "node:crypto";
import type { UsageReportRequest } from "@catv/contracts";
import { operatorEvent } from "../outbox/events.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { UsageRecord } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";
import type { Provider } from "./tenancy.ts";

export const requestHash = (body: unknown) => createHash("sha256").update(JSON.stringify(body)).digest("hex");

export async function recordUsage(
  ctx: PfContext,
  scope: RequestScope,
  provider: Provider,
  idempotencyKey: string,
  input: UsageReportRequest,
): Promise<{ usageId: string; status: "accepted" }> {
  const hash = requestHash(input);
  // The lookups do not depend on each other: they go to the database side by side, so a report waits for one
  // round trip (two for the viewer) instead of five in a row. A repeated key needs only the first; the others are
  // wasted then, which a retry can afford.
  const reference = input.kind === "reversal" ? input.reverses : input.providerReference;
  const [previous, service, account, earlierCharge] = await Promise.all([
    ctx.store.usage.findUsageByIdempotencyKey(provider.id, idempotencyKey),
    ctx.store.tenants.getService(input.serviceId),
    ctx.store.enrolments
      .findByPairwiseId(provider.id, input.pairwiseId)
      .then((enrolment) => enrolment && ctx.store.people.findAccount(enrolment.cableId)),
    reference ? ctx.store.usage.findUsageByReference(provider.id, reference, "charge") : undefined,
  ]);
  if (previous) return answerAgain(previous, hash);
  if (!service || service.providerId !== provider.id) throw fail("service_unknown");
  if (!account) throw fail("not_found", "No viewer is enrolled under this pairwise ID.");
  const viewer = { cableId: account.accountId, operatorId: account.verifierId };

  let reversesUsageId: string | undefined;
  if (input.kind === "reversal") {
    if (!input.reverses)
      throw fail("validation_failed", "A reversal names the providerReference it reverses.");
    if (!earlierCharge || earlierCharge.cableId !== viewer.cableId)
      throw fail("not_found", "The reversed charge is unknown.");
    if (input.amountYen > earlierCharge.amountYen)
      throw fail("validation_failed", "A reversal cannot exceed its charge.");
    reversesUsageId = earlierCharge.id;
  } else {
    // The same report stored since the check above (its twin, sent at the same time, got there first).
    if (earlierCharge?.idempotencyKey === idempotencyKey) return answerAgain(earlierCharge, hash);
    // One charge per provider reference: a retry with a new key must not bill the viewer twice.
    if (earlierCharge)
      throw fail("idempotency_conflict", "A charge with this providerReference was already reported.");
  }
  const now = ctx.clock.now();
  const usageId = randomId("use");
  const record = {
    id: usageId,
    providerId: provider.id,
    idempotencyKey,
    requestHash: hash,
    cableId: viewer.cableId,
    operatorId: viewer.operatorId,
    serviceId: service.id,
    kind: input.kind,
    amountYen: input.amountYen,
    taxRatePercent: input.taxRatePercent,
    description: input.description,
    occurredAt: input.occurredAt,
    providerReference: input.providerReference,
    reversesUsageId: reversesUsageId ?? null,
    createdAt: now.toISOString(),
  };
  try {
    await ctx.store.usage.saveUsage(record, {
      events: [
        operatorEvent(
          viewer.operatorId,
          "usage.reported",
          {
            usageId,
            cableId: viewer.cableId,
            providerId: provider.id,
            providerName: provider.name,
            serviceId: service.id,
            kind: input.kind,
            amountYen: input.amountYen,
            taxRatePercent: input.taxRatePercent,
            description: input.description,
            occurredAt: input.occurredAt,
            ...(reversesUsageId ? { reversesUsageId } : {}),
          },
          now,
        ),
      ],
      audit: [
        {
          event: `usage.${input.kind}`,
          outcome: "success",
          actorKind: "provider",
          actorId: provider.id,
          tenantId: viewer.operatorId,
          accountId: viewer.cableId,
          requestId: scope.requestId,
        },
      ],
    });
  } catch (error) {
    // Two deliveries of one report at once (a provider's retry racing its first try, on two PF instances): the
    // key's unique row lets one in, and the other answers as it did — same key, same body, same answer.
    const winner = await ctx.store.usage.findUsageByIdempotencyKey(provider.id, idempotencyKey);
    if (winner) return answerAgain(winner, hash);
    throw error;
  }
  return { usageId, status: "accepted" };
}

/** The answer to a key already used: the same usage ID for the same body, a conflict for another. */
function answerAgain(previous: UsageRecord, hash: string): { usageId: string; status: "accepted" } {
  if (previous.requestHash !== hash) throw fail("idempotency_conflict");
  return { usageId: previous.id, status: "accepted" };
}
