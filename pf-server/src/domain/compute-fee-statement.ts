/**
 * @module 共通的PF利用料: turns a tenant's metered month into a fee statement with the tariff, as JSON or CSV. The
 * statement lists the tariff's lines that apply to the tenant's roles (tariff.ts `appliesTo`); a metric counted per
 * site (a reception's recognitions) gives one line per site. An operator's statement is the same computation,
 * under the operator API's field names. A month not over yet (JST) is answered too, marked provisional with the
 * time it was counted, so a tenant can follow the month in progress before its final statement.
 */

import type { feeStatementSchema, TenantFeeStatement } from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import { addedTax } from "@catv/contracts/invoice-tax";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { Site, Tenant } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";
import { readMonthlyMetering } from "./metering.ts";
import type { TariffItem } from "./tariff.ts";
import { hasRole } from "./tenancy.ts";

type FeeStatement = z.infer<typeof feeStatementSchema>;

function applies(item: TariffItem, tenant: Tenant, sites: Site[]): boolean {
  if (!item.appliesTo) return true;
  return item.appliesTo.some((to) => {
    if (to === "verifier" || to === "provider") return hasRole(tenant, to);
    const kind = to === "site-owner:remote" ? "remote" : "in-person";
    return hasRole(tenant, "site-owner") && sites.some((s) => s.kind === kind);
  });
}

export async function computeTenantFeeStatement(
  ctx: PfContext,
  tenantId: string,
  month: string,
): Promise<TenantFeeStatement> {
  const asOf = ctx.clock.now();
  const tenant = await ctx.store.tenants.getTenant(tenantId);
  if (!tenant) throw fail("not_found", "No such tenant.");
  const sites = await ctx.store.tenants.listSites({ ownerId: tenantId });
  const counts = await readMonthlyMetering(ctx, tenantId, month);
  const lines: TenantFeeStatement["lines"] = [];
  for (const item of ctx.tariff.items.filter((i) => applies(i, tenant, sites))) {
    const bySite = sites.filter((site) => counts[`${item.metric}@${site.id}`] !== undefined);
    const line = (count: number, site?: Site) => ({
      item: item.item,
      description: site ? `${item.description} — ${site.name}` : item.description,
      ...(site ? { siteId: site.id, siteKind: site.kind } : {}),
      count,
      unitPriceYen: item.unitPriceYen,
      amountYen: count * item.unitPriceYen,
    });
    const tenantWide = counts[item.metric];
    if (tenantWide !== undefined || bySite.length === 0) lines.push(line(tenantWide ?? 0));
    for (const site of bySite) lines.push(line(counts[`${item.metric}@${site.id}`] ?? 0, site));
  }
  const subtotalYen = lines.reduce((sum, l) => sum + l.amountYen, 0);
  // The PF's tariff is tax-exclusive (外税): the tax is added once to the invoice's subtotal.
  const taxYen = addedTax(subtotalYen, ctx.tariff.taxRatePercent);
  return {
    tenantId,
    month,
    lines,
    subtotalYen,
    taxYen,
    totalYen: subtotalYen + taxYen,
    provisional: month >= jstMonth(asOf),
    asOf: asOf.toISOString(),
  };
}

/** The operator API's statement: the tenant statement under `operatorId`, its lines as they have always been. */
export async function computeFeeStatement(
  ctx: PfContext,
  operatorId: string,
  month: string,
): Promise<FeeStatement> {
  const { tenantId, lines, ...rest } = await computeTenantFeeStatement(ctx, operatorId, month);
  return {
    operatorId: tenantId,
    ...rest,
    lines: lines.map(({ siteId: _siteId, siteKind: _siteKind, ...line }) => line),
  };
}

export function feeStatementCsv(statement: FeeStatement | TenantFeeStatement): string {
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
