/**
 * @module The insurers' system's Hono application: security headers, request IDs, an access log without personal
 * data, the PF's calls (eligibility, events), the registration pages of the insurers' sites, login, and the staff
 * pages behind the session and CSRF checks. Errors answer the PF and the registration page's script with the JSON
 * error body, and staff with a Japanese page; a refusal of a PF-facing call is audited by code.
 */
import { CodedError, codedErrorHandler, errorBody, type Logger, type ReplayStore } from "@catv/service-kit";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { JWTVerifyGetKey } from "jose";
import { auditSystem } from "./domain/audit.ts";
import type { Deps } from "./domain/ports.ts";
import { fail } from "./errors.ts";
import { authRoutes } from "./http/auth-routes.tsx";
import { csvRoutes } from "./http/csv-routes.tsx";
import type { InsurerEnv } from "./http/env.ts";
import { intakeRoutes } from "./http/intake-routes.tsx";
import { logRoutes } from "./http/log-routes.tsx";
import { personRoutes } from "./http/person-routes.tsx";
import { pfRoutes } from "./http/pf-routes.ts";
import { registrationRoutes } from "./http/registration-routes.tsx";
import { requireSession } from "./http/session.ts";
import { Bare } from "./views/layout.tsx";
import { Alert } from "./views/parts.tsx";
import { insurerCss } from "./views/styles.ts";

export interface AppOptions {
  deps: Deps;
  logger: Logger;
  pfUrl: string;
  insurerIds: string[];
  replayStore: ReplayStore;
  readerBootFile: string;
  /** The registration page's script, built once on first use. */
  registrationScript: () => Promise<string>;
  /** The PF's signing keys, for tests; the PF's JWKS otherwise. */
  pfKeys?: JWTVerifyGetKey;
  /** How a storage failure becomes a coded error (on PostgreSQL: a lost connection → `service_unavailable`). */
  translateError?: (error: Error) => CodedError | undefined;
}

/** Paths whose callers are programs (the PF, the page's script): they get the JSON error body. */
const API_PATH = /^\/insurers\/([^/]+)\/(pf\/|registration\/(challenge|complete)$)/;

export function createApp(options: AppOptions) {
  const { deps, logger } = options;
  const app = new Hono<InsurerEnv>();
  app.use(requestId());
  app.use(async function accessLog(c, next) {
    const started = performance.now();
    await next();
    // The route pattern, not the path: a path carries a 共通的PFID or a person's ID.
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        // The registration page talks to the card reader software on this PC.
        connectSrc: ["'self'", "ws://127.0.0.1:*", "ws://localhost:*"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    bodyLimit({
      maxSize: 3 * 1024 * 1024,
      onError: () => {
        throw fail("payload_too_large", "送信された内容が大きすぎます。");
      },
    }),
  );
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
    if (!c.req.path.startsWith("/static/")) c.header("cache-control", "no-store");
  });

  app.onError(
    codedErrorHandler({
      logger,
      internalError: () => fail("internal_error"),
      ...(options.translateError ? { translate: options.translateError } : {}),
      beforeAnswer: async (c, error) => {
        const api = API_PATH.exec(c.req.path);
        if (!api || error.status >= 500 || !options.insurerIds.includes(api[1]!)) return;
        const call = c.req.path.slice(`/insurers/${api[1]}/`.length);
        const refused =
          call === "pf/eligibility"
            ? "eligibility"
            : call.startsWith("pf/")
              ? "pf_event"
              : "web_registration";
        await auditSystem(
          deps.store,
          api[1]!,
          refused === "web_registration" ? "web" : "pf",
          deps.now().toISOString(),
          c.get("requestId") ?? "-",
          {
            action: `refused.${refused}`,
            detail: `${error.code} (${error.status})`,
          },
        ).catch(() => undefined);
      },
      respond: (c, error, id) => {
        if (API_PATH.test(c.req.path) || c.req.header("accept")?.includes("application/json")) {
          return c.json(errorBody(error, id), error.status);
        }
        return c.html(
          <Bare title="エラー | 被保険者管理">
            <main>
              <h1>エラー</h1>
              <Alert kind="error">{error.message}</Alert>
              <p class="muted">
                エラーコード {error.code} / 受付番号 {id}
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

  app.get("/health", (c) => c.json({ status: "ok", service: "medical-insurer" }));
  app.get("/static/insurer.css", (c) =>
    c.body(insurerCss, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );
  app.get("/static/registration.js", compress(), async (c) =>
    c.body(await options.registrationScript(), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.route(
    "/",
    pfRoutes({
      deps,
      logger,
      pfUrl: options.pfUrl,
      insurerIds: options.insurerIds,
      replayStore: options.replayStore,
      ...(options.pfKeys ? { keys: options.pfKeys } : {}),
    }),
  );
  app.route("/", registrationRoutes({ readerBootFile: options.readerBootFile }));
  app.route("/", authRoutes);

  const staffPages = new Hono<InsurerEnv>();
  staffPages.use(requireSession);
  staffPages.route("/", intakeRoutes);
  staffPages.route("/", personRoutes);
  staffPages.route("/", csvRoutes);
  staffPages.route("/", logRoutes);
  app.route("/", staffPages);
  app.notFound((c) => {
    throw API_PATH.test(c.req.path)
      ? fail("not_found")
      : new CodedError("not_found", 404, "ページが見つかりません。");
  });
  return app;
}
