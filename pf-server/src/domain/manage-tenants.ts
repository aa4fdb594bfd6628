/**
 * @module PF-administrator use cases: tenants with their roles (verifier, site owner, provider), sites with their
 * verifiers and services, and the terminals of a site. API keys arrive in clear once and are stored as hashes;
 * every change is audited. The CATV shapes — an operator (a verifier with cable IDs that owns one portal site where
 * its STBs stand) and a provider (with its portal services) — are written through the same records.
 */

import { brandingSchema, medicalInstitutionCodeSchema, serviceKindSchema } from "@catv/contracts";
import { z } from "zod";
import { webhookSecretContext } from "../keys/secret-box.ts";
import { fail } from "../platform/errors.ts";
import { sha256Hex } from "../platform/ids.ts";
import type { Site, Tenant, TenantRole, VerifierSettings } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { DEFAULT_SESSION_LIFETIME_DAYS } from "./issue-session.ts";
import {
  hasRole,
  loadOperator,
  loadProvider,
  type Operator,
  type Provider,
  portalSiteId,
} from "./tenancy.ts";

const webhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "a whsec_ secret");
const ecPublicJwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
});
const idSchema = z.string().regex(/^[a-z0-9-]{2,64}$/);

export const operatorInputSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  town: z.string().min(1),
  prefecture: z.string().min(1),
  /** Only on create or rotation; stored hashed. */
  apiKey: z.string().min(16).optional(),
  revocationPolicy: z.enum(["ocsp", "crl"]),
  branding: brandingSchema,
  webhookUrl: z.url().nullable(),
  webhookSecret: webhookSecretSchema.nullable(),
  /**
   * Absolute session lifetime in days: refreshing slides a session's expiry, never past login + this. Kept when
   * omitted on an update; 30 on create.
   */
  sessionLifetimeDays: z.number().int().min(1).max(365).optional(),
  /**
   * Logins across operators (this operator's viewers on others' STBs and others' viewers on its STBs): allowed
   * only between two operators that both set it. Kept when omitted on an update; off on create.
   */
  crossOperatorLogins: z.boolean().optional(),
  /**
   * PIN-less login on its STBs at home (remote sites): the operator's documented setting, which the CATV
   * demonstration needs (the law allows PIN-less use in person). Kept when omitted on an update; on at create.
   */
  pinlessAtRemoteSites: z.boolean().optional(),
});
export const terminalInputSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/),
  publicJwk: ecPublicJwkSchema,
  status: z.enum(["active", "disabled"]).default("active"),
});
export const serviceInputSchema = z.object({
  serviceId: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  requiresPin: z.boolean(),
  scope: z.array(z.string()).default([]),
  /** The provider API the service speaks: how the TV app presents it. */
  kind: serviceKindSchema,
});
export const providerInputSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  apiBaseUrl: z.url(),
  webhookUrl: z.url().nullable(),
  webhookSecret: webhookSecretSchema.nullable(),
  apiKey: z.string().min(16).optional(),
  pinlessAllowed: z.boolean(),
  services: z.array(serviceInputSchema),
});

/** A tenant with any roles: how an insurer (verifier + provider) or a hospital (site owner) is registered. */
export const tenantInputObject = z.object({
  id: idSchema,
  name: z.string().min(1),
  town: z.string().min(1).nullable().default(null),
  prefecture: z.string().min(1).nullable().default(null),
  roles: z.array(z.enum(["verifier", "site-owner", "provider"])).min(1),
  apiKey: z.string().min(16).optional(),
  webhookUrl: z.url().nullable(),
  webhookSecret: webhookSecretSchema.nullable(),
  verifier: z
    .object({
      /** cable-id only for a CATV operator; any other verifier gets 共通的PFIDs. */
      accountIdKind: z.enum(["cable-id", "common-pf-id"]).default("common-pf-id"),
      /** ocsp: every certificate checked at J-LIS when shown (immediate); crl: against the periodic CRL. */
      revocationPolicy: z.enum(["ocsp", "crl"]),
      pinlessAtRemoteSites: z.boolean().default(false),
      crossVerifierLogins: z.boolean().default(false),
    })
    .optional(),
  provider: z
    .object({
      apiBaseUrl: z.url(),
      pinlessAllowed: z.boolean(),
      /** pairwise: portal services (pairwise IDs); account: the verifier's own API, called with its account IDs. */
      subject: z.enum(["pairwise", "account"]),
      services: z.array(serviceInputSchema).default([]),
    })
    .optional(),
});
export const tenantInputSchema = tenantInputObject
  .refine((t) => !t.roles.includes("verifier") || t.verifier, {
    message: "a verifier needs its verifier settings",
    path: ["verifier"],
  })
  .refine((t) => !t.roles.includes("provider") || t.provider, {
    message: "a provider needs its provider settings",
    path: ["provider"],
  });

export const siteInputObject = z.object({
  id: idSchema,
  ownerId: idSchema,
  name: z.string().min(1),
  kind: z.enum(["remote", "in-person"]),
  channel: z.enum(["portal", "reception"]),
  branding: brandingSchema.nullable().default(null),
  institutionCode: medicalInstitutionCodeSchema.nullable().default(null),
  sessionLifetimeDays: z.number().int().min(1).max(365).default(DEFAULT_SESSION_LIFETIME_DAYS),
  allPortalServices: z.boolean().default(false),
  verifierIds: z.array(idSchema).min(1),
  serviceIds: z.array(idSchema).default([]),
});
export const siteInputSchema = siteInputObject.refine((s) => s.channel !== "reception" || s.institutionCode, {
  message: "a reception site names its 医療機関コード",
  path: ["institutionCode"],
});

const adminAudit = (event: string, scope: RequestScope, tenantId?: string) => ({
  audit: [
    {
      event,
      outcome: "success" as const,
      actorKind: "admin" as const,
      tenantId: tenantId ?? null,
      requestId: scope.requestId,
    },
  ],
});

const missingApiKey = () => fail("validation_failed", "apiKey is required when creating a tenant.");

/**
 * The tenant record of a change: the existing key kept unless a new one is given; roles as given; the webhook
 * secret sealed (`keys/secret-box.ts`), never stored as it arrived.
 */
function tenantRecord(
  ctx: PfContext,
  input: {
    id: string;
    name: string;
    town: string | null;
    prefecture: string | null;
    apiKey?: string | undefined;
  },
  roles: TenantRole[],
  webhook: { webhookUrl: string | null; webhookSecret: string | null },
  existing: Tenant | undefined,
  now: string,
): Tenant {
  const apiKeyHash = input.apiKey ? sha256Hex(input.apiKey) : existing?.apiKeyHash;
  if (!apiKeyHash) throw missingApiKey();
  return {
    id: input.id,
    name: input.name,
    town: input.town,
    prefecture: input.prefecture,
    roles,
    apiKeyHash,
    webhookUrl: webhook.webhookUrl,
    webhookSecret:
      webhook.webhookSecret && ctx.secrets.seal(webhook.webhookSecret, webhookSecretContext(input.id)),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

export async function upsertOperator(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof operatorInputSchema>,
): Promise<Operator> {
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.store.tenants.getTenant(input.id);
  const [verifier, site] = await Promise.all([
    ctx.store.tenants.getVerifier(input.id),
    ctx.store.tenants.getSite(portalSiteId(input.id)),
  ]);
  const roles: TenantRole[] = [
    "verifier",
    "site-owner",
    ...(existing && hasRole(existing, "provider") ? (["provider"] as const) : []),
  ];
  const tenant = tenantRecord(ctx, input, roles, input, existing, now);
  const provider = hasRole(tenant, "provider")
    ? await ctx.store.tenants.getProviderSettings(input.id)
    : undefined;
  await ctx.store.tenants.saveTenant(
    {
      tenant,
      verifier: {
        tenantId: input.id,
        accountIdKind: "cable-id",
        revocationPolicy: input.revocationPolicy,
        pinlessAtRemoteSites: input.pinlessAtRemoteSites ?? verifier?.pinlessAtRemoteSites ?? true,
        crossVerifierLogins: input.crossOperatorLogins ?? verifier?.crossVerifierLogins ?? false,
      },
      ...(provider
        ? {
            provider: {
              settings: provider,
              services: (await ctx.store.tenants.listServices()).filter((s) => s.providerId === input.id),
            },
          }
        : {}),
    },
    adminAudit(existing ? "operator.updated" : "operator.created", scope, input.id),
  );
  await ctx.store.tenants.saveSite({
    id: portalSiteId(input.id),
    ownerId: input.id,
    name: input.name,
    kind: "remote",
    channel: "portal",
    branding: input.branding,
    institutionCode: null,
    sessionLifetimeDays:
      input.sessionLifetimeDays ?? site?.sessionLifetimeDays ?? DEFAULT_SESSION_LIFETIME_DAYS,
    allPortalServices: site?.allPortalServices ?? true,
    verifierIds: site?.verifierIds ?? [input.id],
    serviceIds: site?.serviceIds ?? [],
    createdAt: site?.createdAt ?? now,
    updatedAt: now,
  });
  const operator = await loadOperator(ctx, input.id);
  if (!operator) throw fail("internal_error", "The operator was not stored.");
  return operator;
}

/** An STB of an operator: a terminal of its portal site. */
export async function registerTerminal(
  ctx: PfContext,
  scope: RequestScope,
  operatorId: string,
  input: z.infer<typeof terminalInputSchema>,
) {
  if (!(await loadOperator(ctx, operatorId))) throw fail("not_found", "No such operator.");
  await registerSiteTerminal(ctx, scope, portalSiteId(operatorId), input);
}

/** A terminal of a site (an STB, a reception terminal): its ES256 key, registered so that its calls verify. */
export async function registerSiteTerminal(
  ctx: PfContext,
  scope: RequestScope,
  siteId: string,
  input: z.infer<typeof terminalInputSchema>,
) {
  const site = await ctx.store.tenants.getSite(siteId);
  if (!site) throw fail("not_found", "No such site.");
  const existing = await ctx.store.tenants.getTerminal(input.terminalId);
  if (existing && existing.ownerId !== site.ownerId)
    throw fail("forbidden", "The terminal belongs to another tenant.");
  await ctx.store.tenants.upsertTerminal(
    {
      id: input.terminalId,
      siteId: site.id,
      ownerId: site.ownerId,
      publicJwk: input.publicJwk,
      status: input.status,
      createdAt: existing?.createdAt ?? ctx.clock.now().toISOString(),
    },
    adminAudit(existing ? "terminal.updated" : "terminal.registered", scope, site.ownerId),
  );
}

export async function upsertProvider(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof providerInputSchema>,
): Promise<Provider> {
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.store.tenants.getTenant(input.id);
  const roles = [...new Set<TenantRole>([...(existing?.roles ?? []), "provider"])];
  const tenant = tenantRecord(
    ctx,
    { ...input, town: existing?.town ?? null, prefecture: existing?.prefecture ?? null },
    roles,
    input,
    existing,
    now,
  );
  const verifier = await ctx.store.tenants.getVerifier(input.id);
  await ctx.store.tenants.saveTenant(
    {
      tenant,
      ...(verifier ? { verifier } : {}),
      provider: {
        settings: {
          tenantId: input.id,
          apiBaseUrl: input.apiBaseUrl,
          pinlessAllowed: input.pinlessAllowed,
          subject: "pairwise",
        },
        services: input.services.map((s) => ({
          id: s.serviceId,
          providerId: input.id,
          name: s.name,
          nameEn: s.nameEn,
          requiresPin: s.requiresPin,
          scope: s.scope,
          kind: s.kind,
        })),
      },
    },
    adminAudit(existing ? "provider.updated" : "provider.created", scope),
  );
  const provider = await loadProvider(ctx, input.id);
  if (!provider) throw fail("internal_error", "The provider was not stored.");
  return provider;
}

export async function upsertTenant(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof tenantInputSchema>,
): Promise<Tenant> {
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.store.tenants.getTenant(input.id);
  const roles = [...new Set(input.roles)];
  const tenant = tenantRecord(ctx, input, roles, input, existing, now);
  const verifier: VerifierSettings | undefined = input.verifier && {
    tenantId: input.id,
    ...input.verifier,
  };
  await ctx.store.tenants.saveTenant(
    {
      tenant,
      ...(verifier ? { verifier } : {}),
      ...(input.provider
        ? {
            provider: {
              settings: {
                tenantId: input.id,
                apiBaseUrl: input.provider.apiBaseUrl,
                pinlessAllowed: input.provider.pinlessAllowed,
                subject: input.provider.subject,
              },
              services: input.provider.services.map((s) => ({
                id: s.serviceId,
                providerId: input.id,
                name: s.name,
                nameEn: s.nameEn,
                requiresPin: s.requiresPin,
                scope: s.scope,
                kind: s.kind,
              })),
            },
          }
        : {}),
    },
    adminAudit(existing ? "tenant.updated" : "tenant.created", scope, input.id),
  );
  return tenant;
}

export async function upsertSite(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof siteInputSchema>,
): Promise<Site> {
  const owner = await ctx.store.tenants.getTenant(input.ownerId);
  if (!owner || !hasRole(owner, "site-owner")) throw fail("not_found", "No such site owner.");
  const existing = await ctx.store.tenants.getSite(input.id);
  if (existing && existing.ownerId !== input.ownerId)
    throw fail("forbidden", "The site belongs to another tenant.");
  for (const verifierId of input.verifierIds) {
    if (!(await ctx.store.tenants.getVerifier(verifierId)))
      throw fail("not_found", `No verifier ${verifierId}.`);
  }
  const now = ctx.clock.now().toISOString();
  const site: Site = { ...input, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await ctx.store.tenants.saveSite(
    site,
    adminAudit(existing ? "site.updated" : "site.created", scope, owner.id),
  );
  return site;
}
