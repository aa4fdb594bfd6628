/**
 * @module Builds the console's Hono application over its dependencies: security headers, request IDs, the
 * webhook receiver, login, and the staff pages behind the session and CSRF checks.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./domain/context.ts";
import { LoginThrottle } from "./domain/log-in-staff.ts";
import { ConsoleError, consoleErrors } from "./errors.ts";
import { authRoutes } from "./http/auth-routes.tsx";
import { billingRoutes } from "./http/billing-routes.tsx";
import type { ConsoleEnv } from "./http/env.ts";
import { householdRoutes } from "./http/household-routes.tsx";
import { linkingRoutes } from "./http/linking-routes.tsx";
import { miscRoutes } from "./http/misc-routes.tsx";
import { requireSession } from "./http/session.ts";
import { webhookRoutes } from "./http/webhook-routes.ts";
import { Alert, Bare } from "./views/layout.tsx";
import { consoleCss } from "./views/styles.ts";

export function createApp(deps: Deps, throttle = new LoginThrottle()) {
  const app = new Hono<ConsoleEnv>();
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
    c.set("throttle", throttle);
    await next();
    c.header("cache-control", "no-store");
  });

  app.onError((error, c) => {
    const known = error instanceof ConsoleError ? error : undefined;
    if (!known)
      deps.log("error", "unhandled error", {
        requestId: c.get("requestId"),
        error: String(error),
        stack: (error as Error).stack,
      });
    const code = known?.code ?? "internal_error";
    const status = (known?.status ?? 500) as 400;
    const message = known?.message ?? consoleErrors.internal_error.message;
    if (c.req.path.startsWith("/webhooks/") || c.req.header("accept")?.includes("application/json")) {
      return c.json(
        {
          error: {
            code,
            message,
            requestId: c.get("requestId"),
            ...(known?.details ? { details: known.details } : {}),
          },
        },
        status,
      );
    }
    return c.html(
      <Bare title="エラー | 顧客管理システム">
        <main>
          <h1>エラー</h1>
          <Alert kind="error">{message}</Alert>
          <p class="muted">
            エラーコード {code} / 受付番号 {c.get("requestId")}
          </p>
          <p>
            <a href="/">ダッシュボードへ戻る</a>
          </p>
        </main>
      </Bare>,
      status,
    );
  });

  app.get("/health", (c) => c.json({ status: "ok", service: "operator-console" }));
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
  staffPages.route("/", miscRoutes);
  staffPages.route("/", householdRoutes);
  staffPages.route("/", linkingRoutes);
  staffPages.route("/", billingRoutes);
  app.route("/", staffPages);
  app.notFound((c) => {
    throw new ConsoleError("not_found", `ページが見つかりません: ${c.req.path}`);
  });
  return app;
}
