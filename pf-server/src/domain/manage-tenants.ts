/**
 * @module PF-administrator use cases: register or update operators (with their terminals) and providers (with
 * their services). API keys arrive in clear once and are stored as hashes; every change is audited.
 */

import { brandingSchema, serviceKindSchema } from "@catv/contracts";
import { z } from "zod";
import { fail } from "../platform/errors.ts";
import { sha256Hex } from "../platform/ids.ts";
import type { Operator, Provider } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { DEFAULT_SESSION_LIFETIME_DAYS } from "./issue-session.ts";

const webhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "a whsec_ secret");
const ecPublicJwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
});

export const operatorInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
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
});
export const terminalInputSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/),
  publicJwk: ecPublicJwkSchema,
  status: z.enum(["active", "disabled"]).default("active"),
});
export const serviceInputSchema = z.object({
  serviceId: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  requiresPin: z.boolean(),
  scope: z.array(z.string()).default([]),
  /** The provider API the service speaks: how the TV app presents it. */
  kind: serviceKindSchema,
});
export const providerInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string().min(1),
  apiBaseUrl: z.url(),
  webhookUrl: z.url().nullable(),
  webhookSecret: webhookSecretSchema.nullable(),
  apiKey: z.string().min(16).optional(),
  pinlessAllowed: z.boolean(),
  services: z.array(serviceInputSchema),
});

const adminAudit = (event: string, scope: RequestScope, operatorId?: string) => ({
  audit: [
    {
      event,
      outcome: "success" as const,
      actorKind: "admin" as const,
      operatorId: operatorId ?? null,
      requestId: scope.requestId,
    },
  ],
});

const missingApiKey = () => fail("validation_failed", "apiKey is required when creating a tenant.");

export async function upsertOperator(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof operatorInputSchema>,
): Promise<Operator> {
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.store.tenants.getOperator(input.id);
  const apiKeyHash = input.apiKey ? sha256Hex(input.apiKey) : existing?.apiKeyHash;
  if (!apiKeyHash) throw missingApiKey();
  const operator: Operator = {
    id: input.id,
    name: input.name,
    town: input.town,
    prefecture: input.prefecture,
    apiKeyHash,
    revocationPolicy: input.revocationPolicy,
    branding: input.branding,
    webhookUrl: input.webhookUrl,
    webhookSecret: input.webhookSecret && ctx.secrets.seal(input.webhookSecret, `operator:${input.id}`),
    sessionLifetimeDays:
      input.sessionLifetimeDays ?? existing?.sessionLifetimeDays ?? DEFAULT_SESSION_LIFETIME_DAYS,
    crossOperatorLogins: input.crossOperatorLogins ?? existing?.crossOperatorLogins ?? false,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await ctx.store.tenants.upsertOperator(
    operator,
    adminAudit(existing ? "operator.updated" : "operator.created", scope, input.id),
  );
  return operator;
}

export async function registerTerminal(
  ctx: PfContext,
  scope: RequestScope,
  operatorId: string,
  input: z.infer<typeof terminalInputSchema>,
) {
  if (!(await ctx.store.tenants.getOperator(operatorId))) throw fail("not_found", "No such operator.");
  const existing = await ctx.store.tenants.getTerminal(input.terminalId);
  if (existing && existing.operatorId !== operatorId)
    throw fail("forbidden", "The terminal belongs to another operator.");
  await ctx.store.tenants.upsertTerminal(
    {
      id: input.terminalId,
      operatorId,
      publicJwk: input.publicJwk,
      status: input.status,
      createdAt: existing?.createdAt ?? ctx.clock.now().toISOString(),
    },
    adminAudit(existing ? "terminal.updated" : "terminal.registered", scope, operatorId),
  );
}

export async function upsertProvider(
  ctx: PfContext,
  scope: RequestScope,
  input: z.infer<typeof providerInputSchema>,
): Promise<Provider> {
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.store.tenants.getProvider(input.id);
  const apiKeyHash = input.apiKey ? sha256Hex(input.apiKey) : existing?.apiKeyHash;
  if (!apiKeyHash) throw missingApiKey();
  const provider: Provider = {
    id: input.id,
    name: input.name,
    apiBaseUrl: input.apiBaseUrl,
    webhookUrl: input.webhookUrl,
    webhookSecret: input.webhookSecret && ctx.secrets.seal(input.webhookSecret, `provider:${input.id}`),
    apiKeyHash,
    pinlessAllowed: input.pinlessAllowed,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const services = input.services.map((s) => ({
    id: s.serviceId,
    providerId: input.id,
    name: s.name,
    nameEn: s.nameEn,
    requiresPin: s.requiresPin,
    scope: s.scope,
    kind: s.kind,
  }));
  await ctx.store.tenants.upsertProvider(
    provider,
    services,
    adminAudit(existing ? "provider.updated" : "provider.created", scope),
  );
  return provider;
}
