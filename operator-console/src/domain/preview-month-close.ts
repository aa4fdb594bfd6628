/**
 * @module What closing a month will do, shown to the administrator before the close (月次締めの確認): a close
 * freezes the month for good, so staff see what it bills — households and cable fees, each provider's usage and
 * the collection fee — and confirm it. Counted by the same statements the close runs, without writing anything.
 */
import { jstMonth } from "@catv/contracts/calendar";
import { collectionFee } from "@catv/contracts/invoice-tax";
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";
import type { ClosedMonth, CloseForecast, ProviderTotals } from "./records.ts";

export interface MonthClosePreview extends CloseForecast {
  month: string;
  /** Present when the month is closed already: closing again changes nothing. */
  closed: ClosedMonth | undefined;
  collectionFeeBasisPoints: number;
  providers: (ProviderTotals & { collectionFeeYen: number; netPayableYen: number })[];
}

export async function previewMonthClose(
  deps: Deps,
  operatorId: string,
  month: string,
): Promise<MonthClosePreview> {
  if (month >= jstMonth(deps.now())) throw new ConsoleError("month_not_closable");
  const { accounts, billing } = deps.repos;
  const operator = await accounts.getOperator(operatorId);
  if (!operator) throw new ConsoleError("not_found");
  const rate = operator.collectionFeeBasisPoints;
  const providers = (await billing.providerTotals(operatorId, month)).map((p) => {
    const fee = collectionFee(p.grossYen, rate);
    return { ...p, collectionFeeYen: fee, netPayableYen: p.grossYen - fee };
  });
  return {
    month,
    closed: await billing.getMonth(operatorId, month),
    collectionFeeBasisPoints: rate,
    ...(await billing.forecastClose(operatorId, month)),
    providers,
  };
}
