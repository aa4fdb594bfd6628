/**
 * @module A stand-in for the PF in tests: a real HTTP server on 127.0.0.1:0 that publishes a JWKS made with jose,
 * mints assertions the way the PF does (provider-api.ts), records usage reports and can be told to fail, and
 * signs webhook deliveries. It is held to the contracts: it refuses a usage report the PF's schema refuses, and
 * pf-double.test.ts parses what each of its routes answers with the contract's schema.
 */
import { randomUUID } from "node:crypto";
import { type Acr, type ErrorCode, usageReportRequestSchema } from "@catv/contracts";
import { signWebhook } from "@catv/service-kit";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export interface RecordedUsage {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface AssertionOptions {
  sub: string;
  aud: string;
  acr?: Acr;
  svc?: string;
  iss?: string;
  /** Seconds from now; negative for an expired assertion. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
  /** Further claims, for assertions whose contract has more (the insurer's eligibility assertion). */
  claims?: Record<string, unknown>;
  /** Seconds before now for `iat`, whatever `expiresIn` says (an assertion claiming a long life). */
  issuedSecondsAgo?: number;
}

export interface PfDouble {
  url: string;
  usage: RecordedUsage[];
  /** Status the next usage reports get (consumed one per request), e.g. [503, 503] then 200s. */
  failNextUsage(...statuses: number[]): void;
  assertion(options: AssertionOptions): Promise<string>;
  close(): Promise<void>;
}

/**
 * @example const pf = await startPfDouble({ apiKey: "k" }); const token = await pf.assertion({ sub, aud: "prov-facility" });
 */
export async function startPfDouble(options: {
  apiKey: string;
  /** Mounts further routes of the PF on the double (the verifier API: verifier-pf-double.ts). */
  routes?: (app: Hono) => void;
}): Promise<PfDouble> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const foreign = await generateKeyPair("ES256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "pf-test-1", alg: "ES256", use: "sig" };
  const usage: RecordedUsage[] = [];
  const failures: number[] = [];
  const accepted = new Map<string, string>();

  const errorBody = (code: ErrorCode, message: string) => ({
    error: { code, message, requestId: "req-double" },
  });
  const app = new Hono();
  app.get("/.well-known/jwks.json", (c) => c.json({ keys: [jwk] }));
  app.post("/v1/provider/usage", async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    const idempotencyKey = c.req.header("idempotency-key");
    usage.push({ idempotencyKey, authorization: c.req.header("authorization"), body });
    const fail = failures.shift();
    if (fail) return c.json(errorBody("internal_error", "down"), fail as 500);
    if (c.req.header("authorization") !== `Bearer ${options.apiKey}`) {
      return c.json(errorBody("unauthorized", "bad key"), 401);
    }
    if (!usageReportRequestSchema.safeParse(body).success) {
      return c.json(errorBody("validation_failed", "The usage report does not match its schema."), 400);
    }
    const key = idempotencyKey ?? randomUUID();
    const usageId = accepted.get(key) ?? `use_${accepted.size + 1}`;
    accepted.set(key, usageId);
    return c.json({ usageId, status: "accepted" }, 201);
  });
  options.routes?.(app);

  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
  });
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    usage,
    failNextUsage: (...statuses) => failures.push(...statuses),
    async assertion(a) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (a.expiresIn ?? 60);
      const iat = a.issuedSecondsAgo === undefined ? Math.min(now, exp - 60) : now - a.issuedSecondsAgo;
      return new SignJWT({ acr: a.acr ?? "urn:catv:acr:pin", svc: a.svc ?? "facility-booking", ...a.claims })
        .setProtectedHeader({ alg: "ES256", kid: a.foreignKey ? "other" : "pf-test-1", typ: "JWT" })
        .setIssuer(a.iss ?? url)
        .setAudience(a.aud)
        .setSubject(a.sub)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(a.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => new Promise<void>((resolve) => server!.close(() => resolve())),
  };
}

/**
 * Builds the headers and body of a signed PF event delivery.
 * @example await app.request("/pf/events", signedEvent(secret, event));
 */
export function signedEvent(
  secret: string,
  event: { id: string } & Record<string, unknown>,
  timestampSeconds = Math.floor(Date.now() / 1000),
): RequestInit {
  const body = JSON.stringify(event);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": event.id,
      "webhook-timestamp": String(timestampSeconds),
      "webhook-signature": signWebhook(secret, event.id, timestampSeconds, body),
    },
    body,
  };
}
