/**
 * @module サービス申込 (flow 2): the PF asks the provider (with a signed assertion) to create its user for the
 * viewer's pairwise ID, records the provider's user ID, and tells the provider through the outbox.
 */

import { type enrolmentRequestSchema, isPinLevel, providerEnrolmentResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { providerEvent } from "../outbox/events.ts";
import { fail } from "../platform/errors.ts";
import type { Service } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { serviceRequiresPin } from "./describe-portal.ts";
import type { ViewerSession } from "./manage-sessions.ts";
import { loadProvider, type Provider } from "./tenancy.ts";

export async function findServiceFor(
  ctx: PfContext,
  serviceId: string,
): Promise<{ service: Service; provider: Provider }> {
  const service = await ctx.store.tenants.getService(serviceId);
  const provider = service && (await loadProvider(ctx, service.providerId));
  if (!service || provider?.subject !== "pairwise") throw fail("service_unknown");
  return { service, provider };
}

/**
 * The service, if this terminal's site offers it (a portal site offers every portal service, or the ones it
 * lists): another site's services are unknown here.
 */
export async function findServiceAtSite(
  ctx: PfContext,
  scope: TerminalScope,
  serviceId: string,
): Promise<{ service: Service; provider: Provider }> {
  const found = await findServiceFor(ctx, serviceId);
  const site = await ctx.store.tenants.getSite(scope.siteId);
  if (site?.channel !== "portal") throw fail("service_unknown");
  if (!site.allPortalServices && !site.serviceIds.includes(serviceId)) throw fail("service_unknown");
  return found;
}

/** Step-up rule (design §PIN-less): the PF, not the STB, refuses a PIN-less session where a PIN is required. */
export function requirePinIfNeeded(current: ViewerSession, service: Service, provider: Provider) {
  if (!isPinLevel(current.acr) && serviceRequiresPin(service, provider)) throw fail("step_up_required");
}

export async function enrolViewer(
  ctx: PfContext,
  scope: TerminalScope,
  current: ViewerSession,
  serviceId: string,
  input: z.infer<typeof enrolmentRequestSchema>,
): Promise<{ serviceId: string; enrolled: true }> {
  const { service, provider } = await findServiceAtSite(ctx, scope, serviceId);
  requirePinIfNeeded(current, service, provider);
  if (!input.consent.textVersion.trim()) throw fail("consent_required");
  if (await ctx.store.enrolments.getEnrolment(current.cableId, service.id))
    return { serviceId: service.id, enrolled: true };

  const now = ctx.clock.now();
  const pairwiseId = ctx.tokens.pairwiseId(provider.id, current.cableId);
  const assertion = await ctx.tokens.signProviderAssertion(
    {
      providerId: provider.id,
      pairwiseId,
      acr: current.acr,
      serviceId: service.id,
      siteKind: current.session.siteKind,
    },
    now,
  );
  const body = {
    serviceId: service.id,
    consent: {
      scope: service.scope,
      grantedAt: input.consent.acceptedAt,
      textVersion: input.consent.textVersion,
    },
  };
  let res: Response;
  try {
    res = await ctx.fetch(new URL("pf/enrolments", withSlash(provider.apiBaseUrl)), {
      method: "POST",
      headers: { authorization: `Bearer ${assertion}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ctx.providerTimeoutMs),
    });
  } catch {
    throw fail("service_unavailable", "The provider did not answer the enrolment.");
  }
  const answer = providerEnrolmentResponseSchema.safeParse(await res.json().catch(() => undefined));
  if (!res.ok || !answer.success) {
    ctx.logger.log("warn", "provider refused enrolment", {
      requestId: scope.requestId,
      providerId: provider.id,
      status: res.status,
    });
    throw fail("service_unavailable", `The provider answered the enrolment with ${res.status}.`);
  }
  await ctx.store.enrolments.saveEnrolment(
    {
      cableId: current.cableId,
      serviceId: service.id,
      providerId: provider.id,
      pairwiseId,
      providerUserId: answer.data.providerUserId,
      enrolledAt: now.toISOString(),
    },
    {
      events: [
        providerEvent(
          provider.id,
          "enrolment.created",
          { pairwiseId, serviceId: service.id, operatorId: scope.tenantId, enrolledAt: now.toISOString() },
          now,
        ),
      ],
      audit: [
        {
          event: "enrolment.created",
          outcome: "success",
          actorKind: "viewer",
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId: current.cableId,
          requestId: scope.requestId,
        },
      ],
    },
  );
  return { serviceId: service.id, enrolled: true };
}

export const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);
