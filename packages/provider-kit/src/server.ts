/**
 * @module What every provider server shares: request IDs, the coded-error handler, `/health`, an access log
 * without personal data, and listening on 127.0.0.1 with a clean exit on SIGINT/SIGTERM.
 */

import { codedErrorHandler, errorBody, type Logger, notFoundHandler } from "@catv/service-kit";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { kitFail } from "./provider-errors.ts";

/**
 * A Hono app with the common middleware installed; routes are added by the caller.
 * @example const app = createBaseApp<Env>("facility", logger); app.get("/towns", …);
 */
export function createBaseApp<E extends object = object>(service: string, logger: Logger) {
  const app = new Hono<{ Variables: { requestId: string } & E }>();
  app.use(requestId());
  app.use(async function accessLog(c, next) {
    const started = performance.now();
    await next();
    // The route pattern, not the path: a path may carry a pairwise ID.
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  // Nothing a provider receives is large (a settlement of a few thousand records is well under this).
  app.use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => {
        const error = kitFail("payload_too_large");
        return c.json(errorBody(error, c.get("requestId")), error.status);
      },
    }),
  );
  app.onError(codedErrorHandler({ logger, internalError: () => kitFail("internal_error") }));
  app.notFound(notFoundHandler);
  app.get("/health", (c) => c.json({ status: "ok", service }));
  return app;
}

export interface StartOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  logger: Logger;
  service: string;
  /** Called once on shutdown, after the server stopped accepting requests (close the database, timers). */
  onClose: () => void;
}

/** Listens on 127.0.0.1 only (every service of the product does) and exits cleanly on SIGINT/SIGTERM. */
export function startServer(options: StartOptions): ServerType {
  const server = serve({ fetch: options.fetch, hostname: "127.0.0.1", port: options.port }, (info) => {
    options.logger.info("listening", { port: info.port });
  });
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    options.logger.info("stopping");
    server.close(() => {
      options.onClose();
      process.exit(0);
    });
    // Keep-alive connections may hold close() open; the launcher expects a prompt exit.
    setTimeout(() => {
      options.onClose();
      process.exit(0);
    }, 3000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return server;
}
