/**
 * @module The TV portal before and after login: the branding and service menu of the terminal's portal site
 * (its operator's), and the viewer's own state (`/v1/me`).
 */

import type { meResponseSchema, portalResponseSchema, serviceSummarySchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { Service, Site } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import type { ViewerSession } from "./manage-sessions.ts";
import { requireChannel } from "./site-boundary.ts";
import { listPortalProviders, type Provider } from "./tenancy.ts";

type Summary = z.infer<typeof serviceSummarySchema>;

/** A service needs a PIN when it says so or when its provider does not allow PIN-less use at all. */
export function serviceRequiresPin(service: Service, provider: Provider | undefined): boolean {
  return service.requiresPin || !provider?.pinlessAllowed;
}

/** The portal services the site offers: every one of a portal provider, or the ones it lists. */
async function serviceSummaries(ctx: PfContext, site: Site): Promise<Summary[]> {
  const providers = new Map((await listPortalProviders(ctx)).map((p) => [p.id, p]));
  return (await ctx.store.tenants.listServices())
    .filter((s) => providers.has(s.providerId))
    .filter((s) => site.allPortalServices || site.serviceIds.includes(s.id))
    .map((s) => ({
      serviceId: s.id,
      providerId: s.providerId,
      kind: s.kind,
      name: s.name,
      nameEn: s.nameEn,
      requiresPin: serviceRequiresPin(s, providers.get(s.providerId)),
    }));
}

async function portalSite(ctx: PfContext, scope: TerminalScope): Promise<Site> {
  requireChannel(scope, "portal");
  const site = await ctx.store.tenants.getSite(scope.siteId);
  if (!site) throw fail("site_not_allowed", "The terminal's site is unknown.");
  return site;
}

export async function describePortal(
  ctx: PfContext,
  scope: TerminalScope,
): Promise<z.infer<typeof portalResponseSchema>> {
  const site = await portalSite(ctx, scope);
  const owner = await ctx.store.tenants.getTenant(site.ownerId);
  if (!owner) throw fail("forbidden", "Unknown operator.");
  return {
    operatorId: owner.id,
    town: owner.town ?? "",
    branding: site.branding ?? {
      operatorName: owner.name,
      portalTitle: site.name,
      primaryColor: "#263238",
      accentColor: "#FFB300",
    },
    services: await serviceSummaries(ctx, site),
  };
}

export async function describeViewer(
  ctx: PfContext,
  scope: TerminalScope,
  current: ViewerSession,
): Promise<z.infer<typeof meResponseSchema>> {
  const site = await portalSite(ctx, scope);
  const account = await ctx.store.people.findAccount(current.cableId);
  if (!account) throw fail("card_not_registered");
  const enrolled = new Set(
    (await ctx.store.enrolments.listEnrolments(account.accountId)).map((e) => e.serviceId),
  );
  return {
    cableId: account.accountId,
    acr: current.acr,
    householdLink: account.linkStatus,
    services: (await serviceSummaries(ctx, site)).map((s) => ({ ...s, enrolled: enrolled.has(s.serviceId) })),
  };
}
