/**
 * @module Bearer authentication of viewers (access token), operators and providers (API keys, stored hashed)
 * and the PF administrator (token from the installation's credentials, compared in constant time).
 */
import { createMiddleware } from "hono/factory";
import { authenticateViewer } from "../../domain/manage-sessions.ts";
import { fail } from "../../platform/errors.ts";
import { safeEqual, sha256Hex } from "../../platform/ids.ts";
import type { PfEnv } from "../env.ts";

export function bearerToken(header: string | undefined): string | undefined {
  const m = header && /^Bearer ([\x21-\x7e]+)$/.exec(header);
  return m ? m[1] : undefined;
}

export const viewerAuth = createMiddleware<PfEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw fail("unauthorized", "Missing bearer access token.");
  c.set("viewer", await authenticateViewer(c.get("ctx"), c.get("terminal"), token));
  await next();
});

export const operatorAuth = createMiddleware<PfEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  const operator = token && (await c.get("ctx").store.tenants.findOperatorByApiKeyHash(sha256Hex(token)));
  if (!operator) throw fail("unauthorized", "Missing or unknown operator API key.");
  c.set("operator", operator);
  await next();
});

export const providerAuth = createMiddleware<PfEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  const provider = token && (await c.get("ctx").store.tenants.findProviderByApiKeyHash(sha256Hex(token)));
  if (!provider) throw fail("unauthorized", "Missing or unknown provider API key.");
  c.set("provider", provider);
  await next();
});

export const adminAuth = (adminToken: string) =>
  createMiddleware<PfEnv>(async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token || !safeEqual(token, adminToken))
      throw fail("unauthorized", "Missing or wrong administrator token.");
    await next();
  });
