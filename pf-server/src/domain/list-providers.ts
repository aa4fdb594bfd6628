/**
 * @module The PF administrator's view of providers: each with its services, never its secrets (only whether a
 * webhook secret is set).
 */
import type { PfContext } from "./context.ts";
import { listPortalProviders, type Provider } from "./tenancy.ts";

export async function describeProvider(ctx: PfContext, p: Provider) {
  return {
    id: p.id,
    name: p.name,
    apiBaseUrl: p.apiBaseUrl,
    webhookUrl: p.webhookUrl,
    webhookSecretSet: Boolean(p.webhookSecret),
    pinlessAllowed: p.pinlessAllowed,
    services: (await ctx.store.tenants.listServices())
      .filter((s) => s.providerId === p.id)
      .map((s) => ({
        serviceId: s.id,
        name: s.name,
        nameEn: s.nameEn,
        requiresPin: s.requiresPin,
        scope: s.scope,
        kind: s.kind,
      })),
    updatedAt: p.updatedAt,
  };
}

export async function listProviders(ctx: PfContext) {
  return Promise.all((await listPortalProviders(ctx)).map((p) => describeProvider(ctx, p)));
}
