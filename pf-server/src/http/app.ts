/**
 * @module Builds the PF's Hono app: request IDs, CORS for the TV app, body limits, the APIs (TV, reception, operator,
 * verifier and institution, provider, administrator), JWKS, the OpenAPI document at `/openapi.json` (with the
 * webhooks the PF sends and the endpoints a provider implements) and its docs page at `/docs`, served without any
 * CDN.
 */

import { type ErrorCode, errorCatalogue, PF_JWKS_PATH, TERMINAL_ASSERTION_HEADER } from "@catv/contracts";
import { mountApiReference } from "@catv/service-kit/api-reference";
import { httpMetrics, mountMetrics } from "@catv/service-kit/metrics";
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { PfContext } from "../domain/context.ts";
import { AttemptLimiter } from "../domain/cross-device-rules.ts";
import { fail } from "../platform/errors.ts";
import { apiDescription } from "./docs.ts";
import type { PfEnv } from "./env.ts";
import { bodyLimit } from "./middleware/body-limit.ts";
import { errorResponse, onError } from "./middleware/errors.ts";
import type { RateLimit } from "./middleware/rate-limit.ts";
import { requestId } from "./middleware/request-id.ts";
import type { JtiReplayGuard } from "./middleware/terminal-auth.ts";
import { adminRoutes } from "./routes/admin.ts";
import { crossDeviceRoutes } from "./routes/cross-device.ts";
import { operatorRoutes } from "./routes/operator.ts";
import { providerRoutes } from "./routes/provider.ts";
import { receptionRoutes } from "./routes/reception.ts";
import { tvRoutes } from "./routes/tv.ts";
import { verifierRoutes } from "./routes/verifier.ts";
import { registerWebhookDocs } from "./webhooks-doc.ts";

export interface AppOptions {
  adminToken: string;
  /** The TV app's origin (TV_URL), allowed by CORS. */
  tvOrigins: string[];
  /** The terminal-assertion jti guard; the PF database by default. */
  replay?: JtiReplayGuard;
  /** Challenges and PIN-less starts per terminal (default: bursts of 30, then one every 2 s). */
  challengeRateLimit?: RateLimit;
  /** The bearer token of `GET /metrics` (CATV_METRICS_TOKEN); without it the endpoint answers 404. */
  metricsToken?: string | undefined;
  /** The phone app's page, the QR code's target (`PHONE_URL`); its origin is allowed by CORS. */
  phoneAppUrl?: string;
}

const KiB = 1024;

export function createApp(ctx: PfContext, options: AppOptions) {
  const app = new OpenAPIHono<PfEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        // Paths and messages only: echoing values could leak what the caller sent (certificates, tokens).
        const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        // A refinement may name a more specific code (base64_not_canonical): the first such issue decides.
        const specific = result.error.issues
          .map((i) =>
            "params" in i ? (i.params as { errorCode?: unknown } | undefined)?.errorCode : undefined,
          )
          .find((code): code is ErrorCode => typeof code === "string" && code in errorCatalogue);
        throw fail(specific ?? "validation_failed", "The request does not match the schema.", { issues });
      }
    },
  });
  app.use("*", httpMetrics(ctx.metrics.service));
  app.use("*", async (c, next) => {
    c.set("ctx", ctx);
    await next();
  });
  app.use("*", requestId(ctx.logger));
  app.use(
    "/v1/*",
    cors({
      origin: [...options.tvOrigins, ...(options.phoneAppUrl ? [new URL(options.phoneAppUrl).origin] : [])],
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: ["content-type", "authorization", TERMINAL_ASSERTION_HEADER, "x-request-id"],
      exposeHeaders: ["x-request-id", "retry-after"],
      maxAge: 600,
    }),
  );
  const limit = bodyLimit;
  app.use("/v1/operator/settlements", limit(4096 * KiB));
  app.use("/v1/admin/*", limit(256 * KiB));
  app.use("/v1/provider/*", limit(16 * KiB));
  // A registration carries two certificates and a signature; the other bodies are small.
  app.use("/v1/reception/*", limit(32 * KiB));
  app.use("/v1/verifier/*", limit(32 * KiB));
  app.use("/v1/services/:serviceId/api/*", limit(256 * KiB));
  // Registration carries two certificates and a signature: a few KiB.
  app.on(
    ["POST", "PUT", "PATCH"],
    [
      "/v1/challenges",
      "/v1/registrations",
      "/v1/registrations/*",
      "/v1/sessions/*",
      "/v1/sessions",
      "/v1/pinless/*",
      "/v1/cross-device/*",
      "/v1/cross-device-requests",
      "/v1/cross-device-requests/*",
      "/v1/services/:serviceId/enrolment",
      "/v1/operator/assisted-registrations",
      "/v1/operator/cable-ids/*",
    ],
    limit(32 * KiB),
  );

  app.onError(onError(ctx.logger));
  app.notFound((c) =>
    errorResponse(c, fail("not_found", `No route ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );

  app.get("/health", (c) => c.json({ status: "ok", service: "pf-server" }));
  app.get("/bench/ping", (c) => c.json({ ok: true }));
  mountMetrics(app as never, ctx.metrics.service, options.metricsToken);
  app.get(PF_JWKS_PATH, (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(ctx.tokens.jwks(ctx.clock.now()));
  });

  app.route(
    "/",
    tvRoutes(
      options.replay ?? ctx.store.replayGuard,
      options.challengeRateLimit ?? { capacity: 30, refillPerSecond: 0.5 },
    ),
  );
  app.route(
    "/",
    receptionRoutes(
      options.replay ?? ctx.store.replayGuard,
      options.challengeRateLimit ?? { capacity: 30, refillPerSecond: 0.5 },
    ),
  );
  app.route(
    "/",
    crossDeviceRoutes(
      options.replay ?? ctx.store.replayGuard,
      options.challengeRateLimit ?? { capacity: 30, refillPerSecond: 0.5 },
      { capacity: 60, refillPerSecond: 2 },
      {
        phoneAppUrl: options.phoneAppUrl ?? "http://127.0.0.1:7020/phone",
        userCodeAttempts: new AttemptLimiter(ctx.rateLimits),
      },
    ),
  );
  app.route("/", operatorRoutes());
  app.route("/", verifierRoutes());
  app.route("/", providerRoutes());
  app.route("/", adminRoutes(options.adminToken));

  app.openAPIRegistry.registerComponent("securitySchemes", "terminalAssertion", {
    type: "apiKey",
    in: "header",
    name: "X-Terminal-Assertion",
    description:
      "Compact JWS by the terminal's ES256 key: an STB or a reception terminal (see the TV section).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "viewerToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Access token from a login.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorKey", {
    type: "http",
    scheme: "bearer",
    description: "Operator API key.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "tenantKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A tenant's API key (a verifier such as an insurer, an institution, any tenant for its fee statement).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "providerKey", {
    type: "http",
    scheme: "bearer",
    description: "Provider API key.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "PF administrator token.",
  });
  registerWebhookDocs(app.openAPIRegistry);
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "CATV common platform (共通的PF) API", version: "1.0.0", description: apiDescription },
    servers: [{ url: ctx.tokens.issuer }],
  });
  mountApiReference(app, { path: "/docs", specUrl: "/openapi.json", pageTitle: "共通的PF API" });
  return app;
}
