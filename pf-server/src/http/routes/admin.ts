/**
 * @module The PF-administrator API: tenants with their roles, sites with their terminals (and the CATV shapes:
 * operators with STBs, providers with services), the outbox, metering and the audit trail.
 * `Authorization: Bearer <pfAdminToken>`.
 */

import { brandingSchema, serviceKindSchema, yearMonthSchema } from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { describeOperator, listOperators } from "../../domain/list-operators.ts";
import { listOutboxEvents } from "../../domain/list-outbox-events.ts";
import { describeProvider, listProviders } from "../../domain/list-providers.ts";
import { describeSite, describeTenant, listSites, listTenants } from "../../domain/list-tenants.ts";
import {
  operatorInputSchema,
  providerInputSchema,
  registerSiteTerminal,
  registerTerminal,
  siteInputObject,
  siteInputSchema,
  tenantInputObject,
  tenantInputSchema,
  terminalInputSchema,
  upsertOperator,
  upsertProvider,
  upsertSite,
  upsertTenant,
} from "../../domain/manage-tenants.ts";
import { readMonthlyMetering } from "../../domain/metering.ts";
import { readAuditTrail } from "../../domain/read-audit-trail.ts";
import { requeueOutboxEvent } from "../../domain/requeue-outbox-event.ts";
import type { PfEnv } from "../env.ts";
import { adminAuth } from "../middleware/bearer-auth.ts";
import { errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const TAG = "PF administrator";
const security = [{ adminToken: [] }];

const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  town: z.string(),
  prefecture: z.string(),
  revocationPolicy: z.enum(["ocsp", "crl"]),
  branding: brandingSchema,
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  sessionLifetimeDays: z.number().int(),
  crossOperatorLogins: z.boolean(),
  terminals: z.array(z.object({ terminalId: z.string(), status: z.enum(["active", "disabled"]) })),
  updatedAt: z.string(),
});
const providerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  apiBaseUrl: z.string(),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  pinlessAllowed: z.boolean(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      nameEn: z.string(),
      requiresPin: z.boolean(),
      scope: z.array(z.string()),
      kind: serviceKindSchema.nullable(),
    }),
  ),
  updatedAt: z.string(),
});
const tenantViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  town: z.string().nullable(),
  prefecture: z.string().nullable(),
  roles: z.array(z.enum(["verifier", "site-owner", "provider"])),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  verifier: z
    .object({
      accountIdKind: z.enum(["cable-id", "common-pf-id"]),
      revocationPolicy: z.enum(["ocsp", "crl"]),
      pinlessAtRemoteSites: z.boolean(),
      crossVerifierLogins: z.boolean(),
    })
    .nullable(),
  provider: z
    .object({ apiBaseUrl: z.string(), pinlessAllowed: z.boolean(), subject: z.enum(["pairwise", "account"]) })
    .nullable(),
  updatedAt: z.string(),
});
const siteViewSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  kind: z.enum(["remote", "in-person"]),
  channel: z.enum(["portal", "reception"]),
  institutionCode: z.string().nullable(),
  sessionLifetimeDays: z.number().int(),
  allPortalServices: z.boolean(),
  verifierIds: z.array(z.string()),
  serviceIds: z.array(z.string()),
  terminals: z.array(z.object({ terminalId: z.string(), status: z.enum(["active", "disabled"]) })),
  updatedAt: z.string(),
});
const outboxViewSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      targetKind: z.enum(["operator", "verifier", "provider"]),
      targetId: z.string(),
      type: z.string(),
      status: z.enum(["pending", "delivered", "dead"]),
      attempts: z.number().int(),
      nextAttemptAt: z.string(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
    }),
  ),
});
const auditViewSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      event: z.string(),
      outcome: z.enum(["success", "failure"]),
      code: z.string().nullable().optional(),
      actorKind: z.string(),
      actorId: z.string().nullable().optional(),
      tenantId: z.string().nullable().optional(),
      terminalId: z.string().nullable().optional(),
      accountId: z.string().nullable().optional(),
      requestId: z.string().nullable().optional(),
    }),
  ),
});
const meteringViewSchema = z.object({
  tenantId: z.string(),
  month: yearMonthSchema,
  counts: z.record(z.string(), z.number().int()),
});

export function adminRoutes(adminToken: string) {
  const app = new OpenAPIHono<PfEnv>();
  const auth = adminAuth(adminToken);
  const scopeOf = (requestId: string) => ({ requestId });

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/operators",
      tags: [TAG],
      summary: "List operators",
      security,
      middleware: [auth] as const,
      responses: {
        200: jsonResponse(
          z.object({ operators: z.array(operatorViewSchema) }),
          "Operators (secrets are never shown).",
        ),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const operators = await listOperators(c.get("ctx"));
      return send(c, z.object({ operators: z.array(operatorViewSchema) }), { operators });
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/operators/{operatorId}",
      tags: [TAG],
      summary: "Create or update an operator",
      description:
        "`apiKey` is required on create and rotates the key when given later. `revocationPolicy`: `ocsp` (immediate) or `crl` (periodic). " +
        "`sessionLifetimeDays` (1–365, default 30): the absolute session lifetime — refreshing never extends a session past its login plus this. " +
        "`crossOperatorLogins` (default false): a viewer of one operator logs in on another's STB only when both operators set it.",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ operatorId: z.string() }),
        ...jsonBody(operatorInputSchema.omit({ id: true })),
      },
      responses: {
        200: jsonResponse(operatorViewSchema, "The operator."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const input = operatorInputSchema.parse({
        ...c.req.valid("json"),
        id: c.req.valid("param").operatorId,
      });
      const op = await upsertOperator(c.get("ctx"), scopeOf(c.get("requestId")), input);
      return send(c, operatorViewSchema, await describeOperator(c.get("ctx"), op));
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/operators/{operatorId}/terminals/{terminalId}",
      tags: [TAG],
      summary: "Register (or disable) an STB terminal's ES256 public key",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ operatorId: z.string(), terminalId: z.string() }),
        ...jsonBody(terminalInputSchema.omit({ terminalId: true })),
      },
      responses: {
        204: { description: "Registered." },
        ...errorResponses("unauthorized", "not_found", "forbidden"),
      },
    }),
    async (c) => {
      const { operatorId, terminalId } = c.req.valid("param");
      await registerTerminal(
        c.get("ctx"),
        scopeOf(c.get("requestId")),
        operatorId,
        terminalInputSchema.parse({ ...c.req.valid("json"), terminalId }),
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/providers",
      tags: [TAG],
      summary: "List providers",
      security,
      middleware: [auth] as const,
      responses: {
        200: jsonResponse(z.object({ providers: z.array(providerViewSchema) }), "Providers."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const providers = await listProviders(c.get("ctx"));
      return send(c, z.object({ providers: z.array(providerViewSchema) }), { providers });
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/providers/{providerId}",
      tags: [TAG],
      summary: "Create or update a provider and its services",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ providerId: z.string() }),
        ...jsonBody(providerInputSchema.omit({ id: true })),
      },
      responses: {
        200: jsonResponse(providerViewSchema, "The provider."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const input = providerInputSchema.parse({
        ...c.req.valid("json"),
        id: c.req.valid("param").providerId,
      });
      const p = await upsertProvider(c.get("ctx"), scopeOf(c.get("requestId")), input);
      return send(c, providerViewSchema, await describeProvider(c.get("ctx"), p));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/tenants",
      tags: [TAG],
      summary: "List every tenant with its roles",
      security,
      middleware: [auth] as const,
      responses: {
        200: jsonResponse(
          z.object({ tenants: z.array(tenantViewSchema) }),
          "Tenants (secrets are never shown).",
        ),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) =>
      send(c, z.object({ tenants: z.array(tenantViewSchema) }), { tenants: await listTenants(c.get("ctx")) }),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/tenants/{tenantId}",
      tags: [TAG],
      summary: "Create or update a tenant with its roles",
      description:
        "Roles: `verifier` (people register with it; `verifier.accountIdKind` `common-pf-id` gives 共通的PFIDs and `account.*` events — an insurer; " +
        "`revocationPolicy` `ocsp` or `crl`; `pinlessAtRemoteSites`: its documented setting for PIN-less use at home terminals), " +
        "`site-owner` (owns sites and their terminals; billed for recognitions), `provider` (`provider.subject` `account`: its API is called with its own account IDs — an insurer's 資格確認 server; `pairwise`: a portal service). " +
        "`apiKey` is required on create and rotates the key when given later.",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ tenantId: z.string() }),
        ...jsonBody(tenantInputObject.omit({ id: true })),
      },
      responses: {
        200: jsonResponse(tenantViewSchema, "The tenant."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const input = tenantInputSchema.parse({ ...c.req.valid("json"), id: c.req.valid("param").tenantId });
      const tenant = await upsertTenant(c.get("ctx"), scopeOf(c.get("requestId")), input);
      return send(c, tenantViewSchema, await describeTenant(c.get("ctx"), tenant));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/sites",
      tags: [TAG],
      summary: "List every site with its terminals",
      security,
      middleware: [auth] as const,
      responses: {
        200: jsonResponse(z.object({ sites: z.array(siteViewSchema) }), "Sites."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) =>
      send(c, z.object({ sites: z.array(siteViewSchema) }), { sites: await listSites(c.get("ctx")) }),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/sites/{siteId}",
      tags: [TAG],
      summary: "Create or update a site of a site owner",
      description:
        "`kind`: `in-person` (a reception desk: PIN-less use allowed by law) or `remote` (terminals at home). `channel`: `portal` (the TV app) or `reception` " +
        "(recognition and eligibility; needs `institutionCode`, the 医療機関コード). `verifierIds`: the verifiers whose people the site serves, in the order it consults them.",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ siteId: z.string() }),
        ...jsonBody(siteInputObject.omit({ id: true })),
      },
      responses: {
        200: jsonResponse(siteViewSchema, "The site."),
        ...errorResponses("unauthorized", "not_found", "forbidden"),
      },
    }),
    async (c) => {
      const input = siteInputSchema.parse({ ...c.req.valid("json"), id: c.req.valid("param").siteId });
      const site = await upsertSite(c.get("ctx"), scopeOf(c.get("requestId")), input);
      return send(c, siteViewSchema, await describeSite(c.get("ctx"), site));
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/admin/sites/{siteId}/terminals/{terminalId}",
      tags: [TAG],
      summary: "Register (or disable) a terminal of a site: its ES256 public key",
      description: "A reception terminal is provisioned like an STB: it signs every call with this key.",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({ siteId: z.string(), terminalId: z.string() }),
        ...jsonBody(terminalInputSchema.omit({ terminalId: true })),
      },
      responses: {
        204: { description: "Registered." },
        ...errorResponses("unauthorized", "not_found", "forbidden"),
      },
    }),
    async (c) => {
      const { siteId, terminalId } = c.req.valid("param");
      await registerSiteTerminal(
        c.get("ctx"),
        scopeOf(c.get("requestId")),
        siteId,
        terminalInputSchema.parse({ ...c.req.valid("json"), terminalId }),
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/outbox",
      tags: [TAG],
      summary: "Outbox events (webhooks to operators, verifiers and providers)",
      security,
      middleware: [auth] as const,
      request: {
        query: z.object({
          // failed: pending events whose last attempt failed (retrying); dead: given up after the last attempt.
          status: z.enum(["pending", "delivered", "failed", "dead"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: jsonResponse(outboxViewSchema, "Newest first."), ...errorResponses("unauthorized") },
    }),
    async (c) => {
      const { status, limit } = c.req.valid("query");
      return send(c, outboxViewSchema, { events: await listOutboxEvents(c.get("ctx"), { status, limit }) });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/admin/outbox/{eventId}/retry",
      tags: [TAG],
      summary: "Requeue a dead event",
      security,
      middleware: [auth] as const,
      request: { params: z.object({ eventId: z.string() }) },
      responses: { 204: { description: "Requeued." }, ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      await requeueOutboxEvent(c.get("ctx"), c.req.valid("param").eventId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/metering/{tenantId}/{month}",
      tags: [TAG],
      summary: "Metered counts of a tenant's month",
      description: "A count per site is named `<metric>@<siteId>` (a reception's recognitions).",
      security,
      middleware: [auth] as const,
      request: { params: z.object({ tenantId: z.string(), month: yearMonthSchema }) },
      responses: {
        200: jsonResponse(meteringViewSchema, "Counts by metric."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const { tenantId, month } = c.req.valid("param");
      return send(c, meteringViewSchema, {
        tenantId,
        month,
        counts: await readMonthlyMetering(c.get("ctx"), tenantId, month),
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/audit",
      tags: [TAG],
      summary: "The append-only audit trail (no personal data)",
      security,
      middleware: [auth] as const,
      request: {
        query: z.object({
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
      responses: {
        200: jsonResponse(auditViewSchema, "Oldest first; page with `after` = last seq."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      return send(c, auditViewSchema, {
        entries: await readAuditTrail(c.get("ctx"), { afterSeq: after, limit }),
      });
    },
  );
  return app;
}
