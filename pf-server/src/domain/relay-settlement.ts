/**
 * @module 代行回収の精算: an operator's monthly settlement for one provider, relayed to the provider as
 * `settlement.issued` with each record mapped back to the provider's own reference and pairwise ID (providers
 * never see cable IDs). Idempotent by the operator's `Idempotency-Key`.
 */
import type { SettlementRequest } from "@catv/contracts";
import { providerEvent } from "../outbox/events.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { Operator } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { requestHash } from "./record-usage.ts";

export async function relaySettlement(
  ctx: PfContext,
  scope: RequestScope,
  operator: Operator,
  idempotencyKey: string,
  input: SettlementRequest,
): Promise<{ settlementId: string; status: "accepted" }> {
  const hash = requestHash(input);
  const previous = await ctx.store.usage.findSettlementByIdempotencyKey(operator.id, idempotencyKey);
  if (previous) {
    if (previous.requestHash !== hash) throw fail("idempotency_conflict");
    return { settlementId: previous.id, status: "accepted" };
  }
  const provider = await ctx.store.tenants.getProvider(input.providerId);
  if (!provider) throw fail("not_found", "No such provider.");
  if (input.grossYen - input.collectionFeeYen !== input.netPayableYen) {
    throw fail("validation_failed", "netPayableYen must equal grossYen minus collectionFeeYen.");
  }
  const records = [];
  for (const [index, record] of input.records.entries()) {
    const usage = await ctx.store.usage.getUsage(record.usageId);
    if (!usage || usage.operatorId !== operator.id || usage.providerId !== provider.id) {
      throw fail(
        "validation_failed",
        `records[${index}] names a usage record of another operator or provider.`,
        { index },
      );
    }
    const enrolment = await ctx.store.enrolments.getEnrolment(usage.cableId, usage.serviceId);
    if (!enrolment)
      throw fail("validation_failed", `records[${index}] has no enrolment to map back to.`, { index });
    records.push({
      providerReference: usage.providerReference,
      pairwiseId: enrolment.pairwiseId,
      status: record.status,
      amountYen: record.amountYen,
    });
  }
  const now = ctx.clock.now();
  const settlementId = randomId("stl");
  await ctx.store.usage.saveSettlement(
    {
      id: settlementId,
      operatorId: operator.id,
      providerId: provider.id,
      month: input.month,
      idempotencyKey,
      requestHash: hash,
      body: input,
      createdAt: now.toISOString(),
    },
    {
      events: [
        providerEvent(
          provider.id,
          "settlement.issued",
          {
            settlementId,
            operatorId: operator.id,
            operatorName: operator.name,
            town: operator.town,
            month: input.month,
            recordsCollected: input.recordsCollected,
            reversals: input.reversals,
            grossYen: input.grossYen,
            collectionFeeYen: input.collectionFeeYen,
            netPayableYen: input.netPayableYen,
            records,
          },
          now,
        ),
      ],
      audit: [
        {
          event: "settlement.relayed",
          outcome: "success",
          actorKind: "operator",
          actorId: operator.id,
          operatorId: operator.id,
          requestId: scope.requestId,
        },
      ],
    },
  );
  return { settlementId, status: "accepted" };
}
