/**
 * @module The TV portal before and after login: the operator's branding and service menu, and the viewer's
 * own state (`/v1/me`).
 */

import type { meResponseSchema, portalResponseSchema, serviceSummarySchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { Provider, Service } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import type { ViewerSession } from "./manage-sessions.ts";

type Summary = z.infer<typeof serviceSummarySchema>;

/** A service needs a PIN when it says so or when its provider does not allow PIN-less use at all. */
export function serviceRequiresPin(service: Service, provider: Provider | undefined): boolean {
  return service.requiresPin || !provider?.pinlessAllowed;
}

async function serviceSummaries(ctx: PfContext): Promise<Summary[]> {
  const providers = new Map((await ctx.store.tenants.listProviders()).map((p) => [p.id, p]));
  return (await ctx.store.tenants.listServices()).map((s) => ({
    serviceId: s.id,
    providerId: s.providerId,
    kind: s.kind,
    name: s.name,
    nameEn: s.nameEn,
    requiresPin: serviceRequiresPin(s, providers.get(s.providerId)),
  }));
}

export async function describePortal(
  ctx: PfContext,
  scope: TerminalScope,
): Promise<z.infer<typeof portalResponseSchema>> {
  const operator = await ctx.store.tenants.getOperator(scope.operatorId);
  if (!operator) throw fail("forbidden", "Unknown operator.");
  return {
    operatorId: operator.id,
    town: operator.town,
    branding: operator.branding,
    services: await serviceSummaries(ctx),
  };
}

export async function describeViewer(
  ctx: PfContext,
  current: ViewerSession,
): Promise<z.infer<typeof meResponseSchema>> {
  const viewer = await ctx.store.viewers.getViewer(current.cableId);
  if (!viewer) throw fail("card_not_registered");
  const enrolled = new Set(
    (await ctx.store.enrolments.listEnrolments(viewer.cableId)).map((e) => e.serviceId),
  );
  return {
    cableId: viewer.cableId,
    acr: current.acr,
    householdLink: viewer.householdLink,
    services: (await serviceSummaries(ctx)).map((s) => ({ ...s, enrolled: enrolled.has(s.serviceId) })),
  };
}
