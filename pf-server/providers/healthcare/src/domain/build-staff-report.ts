/**
 * @module The healthcare provider's staff view: per month and operator, how the TV channel was used (enrolments
 * as the PF reported them, unenrolments, views of health information), and any settlements the PF sent. The
 * service is free, so a settlement here should show nothing payable; it is listed so staff can see that.
 */
import { settlementIssuedEventSchema } from "@catv/contracts";
import { operatorLabel } from "@catv/provider-kit";
import { UNKNOWN_OPERATOR } from "./deps.ts";
import type { HealthStore } from "./ports.ts";

export interface HealthStaffReport {
  months: {
    month: string;
    operators: {
      operatorId: string;
      /** The operator's name (from the directory), or a plain statement that it is not known. */
      operatorName: string;
      enrolment: number;
      unenrolment: number;
      view: number;
    }[];
  }[];
  settlements: {
    settlementId: string;
    operatorName: string;
    month: string;
    recordsCollected: number;
    netPayableYen: number;
  }[];
}

export async function buildStaffReport(store: HealthStore): Promise<HealthStaffReport> {
  const byMonth = new Map<
    string,
    Map<string, { operatorId: string; enrolment: number; unenrolment: number; view: number }>
  >();
  for (const row of await store.usage.list()) {
    const ops = byMonth.get(row.month) ?? new Map();
    byMonth.set(row.month, ops);
    const entry = ops.get(row.operatorId) ?? {
      operatorId: row.operatorId,
      enrolment: 0,
      unenrolment: 0,
      view: 0,
    };
    entry[row.kind] += row.count;
    ops.set(row.operatorId, entry);
  }
  const settlements = (await store.events.payloads("settlement.issued")).flatMap((raw) => {
    const parsed = settlementIssuedEventSchema.safeParse(JSON.parse(raw));
    return parsed.success
      ? [
          {
            settlementId: parsed.data.data.settlementId,
            operatorName: parsed.data.data.operatorName,
            month: parsed.data.data.month,
            recordsCollected: parsed.data.data.recordsCollected,
            netPayableYen: parsed.data.data.netPayableYen,
          },
        ]
      : [];
  });
  const names = await store.operators.names();
  return {
    months: [...byMonth.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([month, ops]) => ({
        month,
        operators: [...ops.values()]
          .sort((a, b) => a.operatorId.localeCompare(b.operatorId))
          .map((o) => ({
            ...o,
            operatorName: operatorLabel(names, o.operatorId === UNKNOWN_OPERATOR ? null : o.operatorId),
          })),
      })),
    settlements,
  };
}
