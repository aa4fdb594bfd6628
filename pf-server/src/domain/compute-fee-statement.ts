/**
 * @module 共通的PF利用料: turns an operator's metered month into a fee statement with the tariff, as JSON or CSV.
 * A month not over yet (JST) is answered too, marked provisional with the time it was counted, so an operator
 * can follow the month in progress (logins, registrations) before its final statement.
 */

import type { feeStatementSchema } from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import { addedTax } from "@catv/contracts/invoice-tax";
import type { z } from "zod";
import type { PfContext } from "./context.ts";
import { readMonthlyMetering } from "./metering.ts";

type FeeStatement = z.infer<typeof feeStatementSchema>;

export async function computeFeeStatement(
  ctx: PfContext,
  operatorId: string,
  month: string,
): Promise<FeeStatement> {
  const asOf = ctx.clock.now();
  const counts = await readMonthlyMetering(ctx, operatorId, month);
  const lines = ctx.tariff.items.map((item) => {
    const count = counts[item.metric] ?? 0;
    return {
      item: item.item,
      description: item.description,
      count,
      unitPriceYen: item.unitPriceYen,
      amountYen: count * item.unitPriceYen,
    };
  });
  const subtotalYen = lines.reduce((sum, l) => sum + l.amountYen, 0);
  // The PF's tariff is tax-exclusive (外税): the tax is added once to the invoice's subtotal.
  const taxYen = addedTax(subtotalYen, ctx.tariff.taxRatePercent);
  return {
    operatorId,
    month,
    lines,
    subtotalYen,
    taxYen,
    totalYen: subtotalYen + taxYen,
    provisional: month >= jstMonth(asOf),
    asOf: asOf.toISOString(),
  };
}

export function feeStatementCsv(statement: FeeStatement): string {
  const rows: (string | number)[][] = [["item", "description", "count", "unitPriceYen", "amountYen"]];
  for (const l of statement.lines) rows.push([l.item, l.description, l.count, l.unitPriceYen, l.amountYen]);
  rows.push(
    ["subtotal", "", "", "", statement.subtotalYen],
    ["tax", "", "", "", statement.taxYen],
    ["total", "", "", "", statement.totalYen],
    ["status", statement.provisional ? "provisional" : "final", "", "", ""],
    ["as_of", statement.asOf, "", "", ""],
  );
  return rows
    .map((row) => row.map(csvField).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/** RFC 4180: quote a field that holds a comma, quote or line break; double inner quotes. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
