/**
 * @module The municipality's reconciliation view (料金収納の照合): per month and per CATV operator, what was
 * charged and refunded through the TV channel, whether each report reached the PF, and the settlement the
 * operator sent — each settled record matched against our own booking, and our charges the settlement does
 * not mention yet.
 */
import { jstMonth } from "@catv/contracts/calendar";
import { operatorLabel } from "@catv/provider-kit";
import type { Booking, FacilityStore, OutboxEntry, SettlementInput } from "./ports.ts";

export interface ReconciledRecord {
  providerReference: string;
  status: "collected" | "reversed" | "uncollected";
  amountYen: number;
  /** ok: our booking with the same amount; amount_mismatch; unknown: no such booking here. */
  match: "ok" | "amount_mismatch" | "unknown";
  facilityName: string | null;
}

export interface OperatorMonth {
  operatorId: string;
  operatorName: string;
  usage: {
    charges: number;
    chargedYen: number;
    reversals: number;
    reversedYen: number;
    netYen: number;
    reports: { accepted: number; pending: number; rejected: number };
  };
  settlement: (Omit<SettlementInput, "records"> & { records: ReconciledRecord[] }) | null;
  /** Our charges of this month not yet in any settlement from this operator. */
  unsettled: { bookingId: string; facilityName: string; amountYen: number }[];
}

export interface StaffReport {
  months: { month: string; operators: OperatorMonth[] }[];
}

type FeeBooking = Booking & { facilityName: string; townName: string };
const UNKNOWN_OPERATOR = "事業者不明";

export async function buildStaffReport(
  store: FacilityStore,
  tvServiceFilter: (serviceId: string) => boolean,
): Promise<StaffReport> {
  const bookings = (await store.bookings.listFeeBearing()).filter((b) => tvServiceFilter(b.serviceId));
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const outbox = await store.outbox.list();
  const settlements = await store.settlements.list();
  const names = await store.operators.names();
  const settledRefs = new Set(
    settlements.flatMap((s) => s.records.map((r) => `${s.operatorId}/${r.providerReference}`)),
  );

  const groups = new Map<string, OperatorMonth>();
  const group = (month: string, operatorId: string): OperatorMonth => {
    const key = `${month}/${operatorId}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        operatorId,
        operatorName: operatorLabel(names, operatorId === UNKNOWN_OPERATOR ? null : operatorId),
        usage: {
          charges: 0,
          chargedYen: 0,
          reversals: 0,
          reversedYen: 0,
          netYen: 0,
          reports: { accepted: 0, pending: 0, rejected: 0 },
        },
        settlement: null,
        unsettled: [],
      };
      groups.set(key, g);
    }
    return g;
  };
  const reportStatus = (entry: OutboxEntry | undefined) => entry?.status ?? "pending";

  for (const b of bookings) {
    const op = b.operatorId ?? UNKNOWN_OPERATOR;
    const g = group(jstMonth(b.createdAt), op);
    g.usage.charges += 1;
    g.usage.chargedYen += b.feeYen;
    g.usage.reports[reportStatus(outbox.find((e) => e.bookingId === b.id && e.kind === "charge"))] += 1;
    if (!settledRefs.has(`${op}/${b.id}`))
      g.unsettled.push({ bookingId: b.id, facilityName: b.facilityName, amountYen: b.feeYen });
    if (b.feeOutcome === "refunded" && b.cancelledAt) {
      const r = group(jstMonth(b.cancelledAt), op);
      r.usage.reversals += 1;
      r.usage.reversedYen += b.feeYen;
      r.usage.reports[reportStatus(outbox.find((e) => e.bookingId === b.id && e.kind === "reversal"))] += 1;
    }
  }
  for (const s of settlements) {
    const g = group(s.month, s.operatorId);
    g.settlement = {
      ...s,
      records: s.records.map((r) => {
        const booking: FeeBooking | undefined = byId.get(r.providerReference.replace(/-CANCEL$/, ""));
        return {
          ...r,
          match: !booking ? "unknown" : booking.feeYen === r.amountYen ? "ok" : "amount_mismatch",
          facilityName: booking?.facilityName ?? null,
        };
      }),
    };
  }
  for (const g of groups.values()) g.usage.netYen = g.usage.chargedYen - g.usage.reversedYen;

  const months = [...new Set([...groups.keys()].map((k) => k.slice(0, 7)))].sort().reverse();
  return {
    months: months.map((month) => ({
      month,
      operators: [...groups.entries()]
        .filter(([k]) => k.startsWith(`${month}/`))
        .map(([, g]) => g)
        .sort((a, b) => a.operatorId.localeCompare(b.operatorId)),
    })),
  };
}
