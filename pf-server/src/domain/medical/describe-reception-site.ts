/**
 * @module What a reception terminal shows before a patient touches the card: its institution, 医療機関コード and the
 * insurers it may consult (the registration screen offers these).
 */
import type { receptionSiteSchema } from "@catv/contracts";
import type { z } from "zod";
import type { PfContext, TerminalScope } from "../context.ts";
import { receptionSiteOf } from "./reception-site.ts";

export async function describeReceptionSite(
  ctx: PfContext,
  scope: TerminalScope,
): Promise<z.infer<typeof receptionSiteSchema>> {
  const site = await receptionSiteOf(ctx, scope);
  const owner = await ctx.store.tenants.getTenant(site.ownerId);
  return {
    siteId: site.id,
    siteName: site.name,
    siteKind: site.kind,
    institutionName: owner?.name ?? site.ownerId,
    medicalInstitutionCode: site.institutionCode,
    verifiers: await Promise.all(
      site.verifierIds.map(async (verifierId) => ({
        verifierId,
        name: (await ctx.store.tenants.getTenant(verifierId))?.name ?? verifierId,
      })),
    ),
  };
}
