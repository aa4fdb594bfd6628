/**
 * @module The PF administrator's view of every tenant with its roles and role settings, and of every site with
 * its terminals — never a secret (only whether a webhook secret is set).
 */
import type { Site, Tenant } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

export async function describeTenant(ctx: PfContext, tenant: Tenant) {
  const [verifier, provider] = await Promise.all([
    ctx.store.tenants.getVerifier(tenant.id),
    ctx.store.tenants.getProviderSettings(tenant.id),
  ]);
  return {
    id: tenant.id,
    name: tenant.name,
    town: tenant.town,
    prefecture: tenant.prefecture,
    roles: tenant.roles,
    webhookUrl: tenant.webhookUrl,
    webhookSecretSet: Boolean(tenant.webhookSecret),
    verifier: verifier
      ? {
          accountIdKind: verifier.accountIdKind,
          revocationPolicy: verifier.revocationPolicy,
          pinlessAtRemoteSites: verifier.pinlessAtRemoteSites,
          crossVerifierLogins: verifier.crossVerifierLogins,
        }
      : null,
    provider: provider
      ? {
          apiBaseUrl: provider.apiBaseUrl,
          pinlessAllowed: provider.pinlessAllowed,
          subject: provider.subject,
        }
      : null,
    updatedAt: tenant.updatedAt,
  };
}

export async function listTenants(ctx: PfContext) {
  return Promise.all((await ctx.store.tenants.listTenants()).map((t) => describeTenant(ctx, t)));
}

export async function describeSite(ctx: PfContext, site: Site) {
  return {
    id: site.id,
    ownerId: site.ownerId,
    name: site.name,
    kind: site.kind,
    channel: site.channel,
    institutionCode: site.institutionCode,
    sessionLifetimeDays: site.sessionLifetimeDays,
    allPortalServices: site.allPortalServices,
    verifierIds: site.verifierIds,
    serviceIds: site.serviceIds,
    terminals: (await ctx.store.tenants.listTerminals({ siteId: site.id })).map((t) => ({
      terminalId: t.id,
      status: t.status,
    })),
    updatedAt: site.updatedAt,
  };
}

export async function listSites(ctx: PfContext) {
  return Promise.all((await ctx.store.tenants.listSites()).map((s) => describeSite(ctx, s)));
}
