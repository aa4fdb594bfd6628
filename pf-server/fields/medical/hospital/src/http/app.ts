/**
 * @module The hospital's web app: `/reception` (the terminal page) and its API `/terminal/api/*`, the staff pages
 * (`/login`, `/desk`, `/records`), the assets, `/health`. Request IDs, an access log by route pattern (a path may
 * carry a 診察券番号), a body limit, security headers with a CSP that allows scripts from 'self' only (and, on the
 * reception page, the WebSocket of the terminal's own bridge), coded errors — JSON for the terminal's API, a page
 * for staff.
 */
import { readFile } from "node:fs/promises";
import { codedErrorHandler, errorBody, type Logger } from "@catv/service-kit";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { z } from "zod";
import type { HospitalDeps } from "../domain/deps.ts";
import { type CodedError, fail } from "../errors.ts";
import { errorPage } from "../views/login-view.ts";
import { receptionPage } from "../views/reception-page.ts";
import { staffCss, terminalCss } from "../views/styles.ts";
import type { DeskEvents } from "./desk-events.ts";
import type { HospitalEnv } from "./env.ts";
import { sameOriginPosts } from "./session.ts";
import { staffRoutes } from "./staff-routes.ts";
import { terminalApiRoutes } from "./terminal-api-routes.ts";
import { terminalBundles } from "./terminal-bundle.ts";

export interface HospitalAppOptions {
  deps: HospitalDeps;
  logger: Logger;
  events: DeskEvents;
  /** `$CATV_DATA_DIR/reception-bridge-boot.json`, read at every page load (the bridge rotates its token). */
  bridgeBootFile: string;
  receptionMethod: "pinless" | "pin";
  /** How often the terminal page asks for checks due a retry. */
  retryPollMs: number;
  /** How a storage failure becomes a coded error (on PostgreSQL: a lost connection → `service_unavailable`). */
  translateError?: (error: Error) => CodedError | undefined;
}

const bootSchema = z.object({
  wsUrl: z.string().regex(/^ws:\/\/127\.0\.0\.1:[0-9]+\/ws$/),
  token: z.string().min(16),
});

async function readBridgeBoot(path: string): Promise<z.infer<typeof bootSchema> | null> {
  try {
    const parsed = bootSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? { wsUrl: parsed.data.wsUrl, token: parsed.data.token } : null;
  } catch {
    return null;
  }
}

const baseCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
];

export function createHospitalApp(options: HospitalAppOptions) {
  const { deps, logger } = options;
  const app = new Hono<HospitalEnv>();
  app.use(requestId());
  app.use(async function accessLog(c, next) {
    const started = performance.now();
    await next();
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(
    bodyLimit({
      // A registration carries two certificates, a CVC and two signatures: a few KiB.
      maxSize: 256 * 1024,
      onError: (c) => c.json(errorBody(fail("payload_too_large"), c.get("requestId")), 413),
    }),
  );
  app.use(async function securityHeaders(c, next) {
    await next();
    c.header("x-content-type-options", "nosniff");
    // Not no-referrer: a browser then sends `Origin: null` on same-origin form posts, which the CSRF check reads.
    c.header("referrer-policy", "same-origin");
    c.header("x-frame-options", "DENY");
    if (!c.res.headers.has("content-security-policy")) {
      c.header("content-security-policy", [...baseCsp, "connect-src 'self'"].join("; "));
    }
    if (!c.res.headers.has("cache-control")) c.header("cache-control", "no-store");
  });
  const isApi = (c: Context) => c.req.path.startsWith("/terminal/api/") || c.req.path === "/health";
  app.onError(
    codedErrorHandler({
      logger,
      internalError: () => fail("internal_error"),
      ...(options.translateError ? { translate: options.translateError } : {}),
      beforeAnswer: (c, error) => {
        if (isApi(c) && error.status < 500) {
          logger.warn("terminal call refused", {
            requestId: c.get("requestId"),
            route: c.req.routePath,
            code: error.code,
          });
        }
      },
      respond: (c, error: CodedError, requestId) =>
        isApi(c)
          ? c.json(errorBody(error, requestId), error.status)
          : c.html(
              errorPage({
                institutionName: deps.institution.name,
                title: "操作できませんでした",
                message: error.message,
              }),
              error.status,
            ),
    }),
  );
  app.notFound((c) =>
    isApi(c)
      ? c.json(errorBody(fail("not_found"), c.get("requestId")), 404)
      : c.html(
          errorPage({
            institutionName: deps.institution.name,
            title: "ページがありません",
            message: "アドレスを確かめてください。",
          }),
          404,
        ),
  );

  app.get("/health", (c) => c.json({ status: "ok", service: "hospital" }));
  app.get("/assets/terminal.css", (c) => css(c, terminalCss));
  app.get("/assets/staff.css", (c) => css(c, staffCss));
  app.get("/assets/:file{[a-z]+\\.[0-9a-f]{12}\\.js}", async (c) => {
    const bundles = await terminalBundles();
    const found = [bundles.reception, bundles.desk].find((b) => b.path === c.req.path);
    if (!found) throw fail("not_found");
    c.header("content-type", "text/javascript; charset=utf-8");
    c.header("cache-control", "public, max-age=31536000, immutable");
    return c.body(found.code);
  });
  app.get("/reception", async (c) => {
    const bridge = await readBridgeBoot(options.bridgeBootFile);
    const bundles = await terminalBundles();
    const bridgeOrigin = bridge ? new URL(bridge.wsUrl).origin : "";
    c.header("content-security-policy", [...baseCsp, `connect-src 'self' ${bridgeOrigin}`.trim()].join("; "));
    return c.html(
      receptionPage(
        {
          bridge,
          institutionName: deps.institution.name,
          method: options.receptionMethod,
          retryPollMs: options.retryPollMs,
        },
        bundles.reception.path,
      ),
    );
  });
  app.route("/terminal/api", terminalApiRoutes(deps));
  app.use("*", sameOriginPosts);
  app.route(
    "/",
    staffRoutes({
      deps,
      events: options.events,
      deskScript: async () => (await terminalBundles()).desk.path,
    }),
  );
  return app;
}

function css(c: Context, text: string) {
  c.header("content-type", "text/css; charset=utf-8");
  c.header("cache-control", "no-cache");
  return c.body(text);
}
