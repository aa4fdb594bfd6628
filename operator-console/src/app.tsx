/**
 * @module Builds the console's Hono application over its dependencies: security headers, request IDs, the
 * webhook receiver, login, and the staff pages behind the session and CSRF checks.
 */
import { codedErrorHandler, errorBody } from "@catv/service-kit";
import { httpMetrics, mountMetrics, processMetrics, readMetricsToken } from "@catv/service-kit/metrics";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./domain/context.ts";
import { ConsoleError } from "./errors.ts";
import { assistedRegistrationRoutes } from "./http/assisted-registration-routes.tsx";
import { auditRoutes } from "./http/audit-routes.tsx";
import { authRoutes } from "./http/auth-routes.tsx";
import { billingRoutes } from "./http/billing-routes.tsx";
import { dashboardRoutes } from "./http/dashboard-routes.tsx";
import type { ConsoleEnv } from "./http/env.ts";
import { householdRoutes } from "./http/household-routes.tsx";
import { linkingRoutes } from "./http/linking-routes.tsx";
import { requireSession } from "./http/session.ts";
import { sessionRoutes } from "./http/session-routes.tsx";
import { settingsRoutes } from "./http/settings-routes.tsx";
import { usageRoutes } from "./http/usage-routes.tsx";
import { webhookRoutes } from "./http/webhook-routes.ts";
import { Alert, Bare } from "./views/layout.tsx";
import { consoleCss } from "./views/styles.ts";

export function createApp(deps: Deps) {
  const app = new Hono<ConsoleEnv>();
  const metrics = processMetrics("operator-console");
  app.use(httpMetrics(metrics));
  app.use(requestId());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The charts' legend colours are set per element with a custom property.
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    bodyLimit({
      maxSize: 5 * 1024 * 1024,
      onError: () => {
        throw new ConsoleError("validation_failed", "ファイルが大きすぎます（5MBまで）。");
      },
    }),
  );
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
    c.header("cache-control", "no-store");
  });

  app.onError(
    codedErrorHandler({
      logger: { error: (msg, fields) => deps.log("error", msg, fields) },
      internalError: () => new ConsoleError("internal_error"),
      // The PF and API callers get the JSON body; staff's browser gets a page in Japanese.
      respond: (c, error, requestId) => {
        if (c.req.path.startsWith("/webhooks/") || c.req.header("accept")?.includes("application/json")) {
          return c.json(errorBody(error, requestId), error.status);
        }
        return c.html(
          <Bare title="エラー | 顧客管理システム">
            <main>
              <h1>エラー</h1>
              <Alert kind="error">{error.message}</Alert>
              <p class="muted">
                エラーコード {error.code} / 受付番号 {requestId}
              </p>
              <p>
                <a href="/">ダッシュボードへ戻る</a>
              </p>
            </main>
          </Bare>,
          error.status,
        );
      },
    }),
  );

  app.get("/health", (c) => c.json({ status: "ok", service: "operator-console" }));
  mountMetrics(app as never, metrics, readMetricsToken("operator-console"));
  app.get("/static/console.css", (c) =>
    c.body(consoleCss, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.route("/", webhookRoutes);
  app.route("/", authRoutes);

  const staffPages = new Hono<ConsoleEnv>();
  staffPages.use(requireSession);
  staffPages.route("/", dashboardRoutes);
  staffPages.route("/", assistedRegistrationRoutes);
  staffPages.route("/", usageRoutes);
  staffPages.route("/", sessionRoutes);
  staffPages.route("/", auditRoutes);
  staffPages.route("/", settingsRoutes);
  staffPages.route("/", householdRoutes);
  staffPages.route("/", linkingRoutes);
  staffPages.route("/", billingRoutes);
  app.route("/", staffPages);
  app.notFound((c) => {
    throw new ConsoleError("not_found", `ページが見つかりません: ${c.req.path}`);
  });
  return app;
}
