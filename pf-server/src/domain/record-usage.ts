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
import type { Provider } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";

export const requestHash = (body: unknown) => createHash("sha256").update(JSON.stringify(body)).digest("hex");

export async function recordUsage(
  ctx: PfContext,
  scope: RequestScope,
  provider: Provider,
  idempotencyKey: string,
  input: UsageReportRequest,
): Promise<{ usageId: string; status: "accepted" }> {
  const hash = requestHash(input);
  const previous = await ctx.store.usage.findUsageByIdempotencyKey(provider.id, idempotencyKey);
  if (previous) {
    if (previous.requestHash !== hash) throw fail("idempotency_conflict");
    return { usageId: previous.id, status: "accepted" };
  }
  const service = await ctx.store.tenants.getService(input.serviceId);
  if (!service || service.providerId !== provider.id) throw fail("service_unknown");
  const enrolment = await ctx.store.enrolments.findByPairwiseId(provider.id, input.pairwiseId);
  if (!enrolment) throw fail("not_found", "No viewer is enrolled under this pairwise ID.");
  const viewer = await ctx.store.viewers.getViewer(enrolment.cableId);
  if (!viewer) throw fail("not_found", "No viewer is enrolled under this pairwise ID.");

  let reversesUsageId: string | undefined;
  if (input.kind === "reversal") {
    if (!input.reverses)
      throw fail("validation_failed", "A reversal names the providerReference it reverses.");
    const charge = await ctx.store.usage.findUsageByReference(provider.id, input.reverses, "charge");
    if (!charge || charge.cableId !== viewer.cableId)
      throw fail("not_found", "The reversed charge is unknown.");
    if (input.amountYen > charge.amountYen)
      throw fail("validation_failed", "A reversal cannot exceed its charge.");
    reversesUsageId = charge.id;
  } else if (await ctx.store.usage.findUsageByReference(provider.id, input.providerReference, "charge")) {
    // One charge per provider reference: a retry with a new key must not bill the viewer twice.
    throw fail("idempotency_conflict", "A charge with this providerReference was already reported.");
  }
  const now = ctx.clock.now();
  const usageId = randomId("use");
  await ctx.store.usage.saveUsage(
    {
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
    },
    {
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
          operatorId: viewer.operatorId,
          cableId: viewer.cableId,
          requestId: scope.requestId,
        },
      ],
    },
  );
  return { usageId, status: "accepted" };
}
