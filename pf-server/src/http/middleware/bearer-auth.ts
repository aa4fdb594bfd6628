/**
 * @module Bearer authentication of viewers (access token), tenants by their API key (stored hashed) in the role an
 * API needs — operator (a CATV operator), provider, verifier, institution (a site owner) — and the PF
 * administrator (token from the installation's credentials, compared in constant time).
 */
import { createMiddleware } from "hono/factory";
import { authenticateViewer } from "../../domain/manage-sessions.ts";
import { hasRole, operatorOf, providerOfKey } from "../../domain/tenancy.ts";
import { fail } from "../../platform/errors.ts";
import { safeEqual, sha256Hex } from "../../platform/ids.ts";
import type { Tenant, TenantRole } from "../../storage/repositories.ts";
import type { PfEnv } from "../env.ts";

export function bearerToken(header: string | undefined): string | undefined {
  const m = header && /^Bearer ([\x21-\x7e]+)$/.exec(header);
  return m ? m[1] : undefined;
}

async function tenantOfKey(
  c: { req: { header(name: string): string | undefined } },
  ctx: PfEnv["Variables"]["ctx"],
) {
  const token = bearerToken(c.req.header("authorization"));
  return token ? ctx.store.tenants.findTenantByApiKeyHash(sha256Hex(token)) : undefined;
}

export const viewerAuth = createMiddleware<PfEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw fail("unauthorized", "Missing bearer access token.");
  c.set("viewer", await authenticateViewer(c.get("ctx"), c.get("terminal"), token));
  await next();
});

export const operatorAuth = createMiddleware<PfEnv>(async (c, next) => {
  const tenant = await tenantOfKey(c, c.get("ctx"));
  const operator = tenant && (await operatorOf(c.get("ctx"), tenant));
  if (!operator) throw fail("unauthorized", "Missing or unknown operator API key.");
  c.set("operator", operator);
  await next();
});

export const providerAuth = createMiddleware<PfEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  const provider = token && (await providerOfKey(c.get("ctx"), sha256Hex(token)));
  if (!provider) throw fail("unauthorized", "Missing or unknown provider API key.");
  c.set("provider", provider);
  await next();
});

/** Any tenant's API key that holds `role` (or any role when absent); the tenant is `c.get("tenant")`. */
export const tenantAuth = (role?: TenantRole) =>
  createMiddleware<PfEnv>(async (c, next) => {
    const tenant: Tenant | undefined = await tenantOfKey(c, c.get("ctx"));
    if (!tenant || (role && !hasRole(tenant, role)))
      throw fail("unauthorized", `Missing or unknown ${role ?? "tenant"} API key.`);
    c.set("tenant", tenant);
    await next();
  });

export const adminAuth = (adminToken: string) =>
  createMiddleware<PfEnv>(async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token || !safeEqual(token, adminToken))
      throw fail("unauthorized", "Missing or wrong administrator token.");
    await next();
  });
