/**
 * @module Request IDs: a caller's `X-Request-Id` (if well-formed) or a fresh one, echoed in the response and
 * in every error body and log line; plus one access-log line per request (method, route, status, ms — no bodies).
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "@catv/service-kit";
import { createMiddleware } from "hono/factory";
import type { PfEnv } from "../env.ts";

export const requestId = (logger: Logger) =>
  createMiddleware<PfEnv>(async (c, next) => {
    const given = c.req.header("x-request-id");
    const id = given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    c.set("requestId", id);
    c.header("x-request-id", id);
    const started = performance.now();
    await next();
    if (c.req.path !== "/health") {
      logger.log("info", "request", {
        requestId: id,
        method: c.req.method,
        // The route pattern, not the concrete path: paths may carry cable IDs.
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    }
  });
