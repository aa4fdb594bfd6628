/**
 * @module Views of a tenant by role, composed from the general records (tenant, verifier settings, provider
 * settings, sites), so that the CATV parts of the PF keep speaking of operators and providers while the storage
 * knows only tenants with roles. An **operator** is a tenant holding the verifier role with cable-ID accounts and
 * the site-owner role with its portal site (`<operator>-home`, where its STBs stand); a **provider** is a tenant
 * with the provider role.
 */
import type {
  Branding,
  ProviderSettings,
  RevocationPolicy,
  Site,
  Tenant,
  TenantRole,
  VerifierSettings,
} from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

/** A CATV operator: verifier (cable IDs) + owner of one portal site. */
export interface Operator {
  id: string;
  name: string;
  town: string;
  prefecture: string;
  apiKeyHash: string;
  revocationPolicy: RevocationPolicy;
  branding: Branding;
  webhookUrl: string | null;
  webhookSecret: string | null;
  sessionLifetimeDays: number;
  crossOperatorLogins: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A service provider: its API, and how it knows people. */
export interface Provider {
  id: string;
  name: string;
  apiBaseUrl: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  apiKeyHash: string;
  pinlessAllowed: boolean;
  subject: ProviderSettings["subject"];
  createdAt: string;
  updatedAt: string;
}

/** The portal site every operator has: its STBs stand there. */
export const portalSiteId = (operatorId: string) => `${operatorId}-home`;

export const hasRole = (tenant: Pick<Tenant, "roles">, role: TenantRole) => tenant.roles.includes(role);

/** Operator view of a tenant, or undefined when the tenant is not an operator. */
export function toOperator(tenant: Tenant, verifier: VerifierSettings, site: Site): Operator {
  return {
    id: tenant.id,
    name: tenant.name,
    town: tenant.town ?? "",
    prefecture: tenant.prefecture ?? "",
    apiKeyHash: tenant.apiKeyHash,
    revocationPolicy: verifier.revocationPolicy,
    branding: site.branding ?? {
      operatorName: tenant.name,
      portalTitle: tenant.name,
      primaryColor: "#263238",
      accentColor: "#FFB300",
    },
    webhookUrl: tenant.webhookUrl,
    webhookSecret: tenant.webhookSecret,
    sessionLifetimeDays: site.sessionLifetimeDays,
    crossOperatorLogins: verifier.crossVerifierLogins,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
  };
}

/** The operator with this ID: a tenant that is a cable-ID verifier and owns its portal site. */
export async function loadOperator(ctx: PfContext, id: string): Promise<Operator | undefined> {
  const tenant = await ctx.store.tenants.getTenant(id);
  return tenant && operatorOf(ctx, tenant);
}

export async function operatorOf(ctx: PfContext, tenant: Tenant): Promise<Operator | undefined> {
  if (!hasRole(tenant, "verifier") || !hasRole(tenant, "site-owner")) return undefined;
  const [verifier, site] = await Promise.all([
    ctx.store.tenants.getVerifier(tenant.id),
    ctx.store.tenants.getSite(portalSiteId(tenant.id)),
  ]);
  if (verifier?.accountIdKind !== "cable-id" || !site) return undefined;
  return toOperator(tenant, verifier, site);
}

export async function listOperatorsOf(ctx: PfContext): Promise<Operator[]> {
  const operators: Operator[] = [];
  for (const tenant of await ctx.store.tenants.listTenants()) {
    const operator = await operatorOf(ctx, tenant);
    if (operator) operators.push(operator);
  }
  return operators;
}

export async function loadProvider(ctx: PfContext, id: string): Promise<Provider | undefined> {
  const tenant = await ctx.store.tenants.getTenant(id);
  return tenant && providerOf(ctx, tenant);
}

export async function providerOf(ctx: PfContext, tenant: Tenant): Promise<Provider | undefined> {
  if (!hasRole(tenant, "provider")) return undefined;
  const settings = await ctx.store.tenants.getProviderSettings(tenant.id);
  return settings && toProvider(tenant, settings);
}

/** The provider whose API key hashes to `apiKeyHash` (one read: every provider API call asks it). */
export async function providerOfKey(ctx: PfContext, apiKeyHash: string): Promise<Provider | undefined> {
  const found = await ctx.store.tenants.findProviderTenantByApiKeyHash(apiKeyHash);
  return found && hasRole(found.tenant, "provider") ? toProvider(found.tenant, found.settings) : undefined;
}

function toProvider(tenant: Tenant, settings: ProviderSettings): Provider {
  return {
    id: tenant.id,
    name: tenant.name,
    apiBaseUrl: settings.apiBaseUrl,
    webhookUrl: tenant.webhookUrl,
    webhookSecret: tenant.webhookSecret,
    apiKeyHash: tenant.apiKeyHash,
    pinlessAllowed: settings.pinlessAllowed,
    subject: settings.subject,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
  };
}

/** The providers of the portal: tenants with the provider role whose services are called with pairwise IDs. */
export async function listPortalProviders(ctx: PfContext): Promise<Provider[]> {
  const providers: Provider[] = [];
  for (const tenant of await ctx.store.tenants.listTenants()) {
    const provider = await providerOf(ctx, tenant);
    if (provider?.subject === "pairwise") providers.push(provider);
  }
  return providers;
}
