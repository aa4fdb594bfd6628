/**
 * @module What every provider server shares: request IDs, the coded-error handler, `/health`, an access log
 * without personal data, Prometheus metrics (`/metrics`, `@catv/service-kit/metrics`), and listening on 127.0.0.1 with a graceful shutdown on SIGINT/SIGTERM.
 */

import {
  type CodedError,
  codedErrorHandler,
  errorBody,
  type Logger,
  notFoundHandler,
} from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { httpMetrics, mountMetrics, processMetrics, readMetricsToken } from "@catv/service-kit/metrics";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { kitFail } from "./provider-errors.ts";

export interface BaseAppOptions {
  /**
   * Turns an error of the provider's storage into a coded one: on PostgreSQL, a lost connection into
   * `service_unavailable` (503) with `translateConnectionLoss` of `@catv/postgres`, instead of a 500.
   */
  translateError?: (error: Error) => CodedError | undefined;
}

/**
 * A Hono app with the common middleware installed; routes are added by the caller.
 * @example const app = createBaseApp<Env>("facility", logger); app.get("/towns", …);
 */
export function createBaseApp<E extends object = object>(
  service: string,
  logger: Logger,
  options: BaseAppOptions = {},
) {
  const app = new Hono<{ Variables: { requestId: string } & E }>();
  const metrics = processMetrics(service);
  app.use(httpMetrics(metrics));
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
  app.onError(
    codedErrorHandler({
      logger,
      internalError: () => kitFail("internal_error"),
      ...(options.translateError ? { translate: options.translateError } : {}),
    }),
  );
  app.notFound(notFoundHandler);
  app.get("/health", (c) => c.json({ status: "ok", service }));
  mountMetrics(app as never, metrics, readMetricsToken(service));
  return app;
}

export interface StartOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  logger: Logger;
  service: string;
  /** How long SIGTERM waits for in-flight requests and `stopWorkers` (`CATV_SHUTDOWN_DRAIN_MS`). */
  drainMs: number;
  /** Stops timers and workers; resolves once what they hold is finished (within the drain bound). */
  stopWorkers?: () => void | Promise<void>;
  /** Called once on shutdown, after requests and workers are done (close the database); awaited. */
  onClose: () => void | Promise<void>;
}

/**
 * Listens on 127.0.0.1 only (every service of the product does); on SIGINT/SIGTERM stops accepting, drains
 * in-flight requests and workers, closes and exits (`@catv/service-kit/graceful-shutdown`).
 */
export function startServer(options: StartOptions): ServerType {
  const server = serve({ fetch: options.fetch, hostname: "127.0.0.1", port: options.port }, (info) => {
    options.logger.info("listening", { port: info.port });
  });
  installGracefulShutdown({
    servers: [server],
    drainMs: options.drainMs,
    log: (level, msg, fields) => options.logger.log(level, msg, fields),
    ...(options.stopWorkers ? { stopWorkers: options.stopWorkers } : {}),
    close: options.onClose,
  });
  return server;
}
