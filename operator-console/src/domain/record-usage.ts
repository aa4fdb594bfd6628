/**
 * @module `usage.reported`: a provider's charge (or its reversal) for a viewer of this operator, to be billed with
 * the cable fee. It goes into the billing month of its JST date, or the next open month when that one is closed:
 * a frozen statement never changes.
 */
import type { OperatorEvent } from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import type { Deps } from "./context.ts";

type UsageReported = Extract<OperatorEvent, { type: "usage.reported" }>;

export async function recordUsage(
  deps: Deps,
  operatorId: string,
  event: UsageReported,
  at: string,
): Promise<void> {
  const { repos } = deps;
  const { data } = event;
  await repos.usage.insertInOpenMonth(
    operatorId,
    {
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
      receivedAt: at,
    },
    jstMonth(data.occurredAt),
  );
}
