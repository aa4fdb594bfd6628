/**
 * @module Graceful shutdown of a service process. On SIGTERM (or SIGINT) it stops accepting connections, lets
 * the requests it is answering finish, stops its timers and workers (a worker finishes or releases what it
 * holds), closes its databases and exits 0. When that takes longer than the drain bound, it closes the
 * connections that are left, closes the databases and exits 1: work not acknowledged stays where the next start
 * picks it up (outboxes are durable and every receiver deduplicates).
 *
 * Node's `server.close()` alone waits for keep-alive connections without bound and never tells a client to go
 * elsewhere, hence the request count and the `connection: close` on answers sent while stopping.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What is used of a Node HTTP server (`http.createServer`, `@hono/node-server`'s `serve`, whose type also admits
 * HTTP/2 servers: those lack the two connection methods, hence optional).
 */
export interface DrainableServer {
  prependListener(
    event: "request",
    listener: (request: IncomingMessage, response: ServerResponse) => void,
  ): unknown;
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections?(): void;
  closeAllConnections?(): void;
}

export type ShutdownLog = (
  level: "info" | "warn" | "error",
  msg: string,
  fields?: Record<string, unknown>,
) => void;

export interface GracefulShutdownOptions {
  /** The process's listening servers: they stop accepting and finish the requests they have. */
  servers: DrainableServer[];
  /**
   * Stops timers and workers; resolves once the work they had started is finished or released (runs while the
   * requests drain, within the same bound).
   */
  stopWorkers?: () => unknown;
  /** Closes databases and other resources, once requests and workers are done (or the bound has passed). */
  close?: () => unknown;
  /** How long requests and workers may take before the process exits anyway (default 10 s). */
  drainMs?: number;
  /**
   * Requests whose response stays open as long as the client does (server-sent events): not waited for, and
   * closed once the others are done — the client reconnects to the next process.
   */
  isStream?: (request: IncomingMessage) => boolean;
  log: ShutdownLog;
  signals?: readonly NodeJS.Signals[];
  /** Replaced in tests; `process.exit` otherwise. */
  exit?: (code: number) => void;
}

export const DEFAULT_DRAIN_MS = 10_000;

export interface GracefulShutdown {
  /** Requests being answered now. */
  inFlight(): number;
  /** What a signal does; resolves with the exit code (after `exit` was called). Later calls share the first. */
  shutdown(reason: string): Promise<number>;
}

/**
 * Call right after the servers are created, before they receive requests.
 * @example installGracefulShutdown({ servers: [server], stopWorkers: () => worker.stop(), close: () => db.close(), log });
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  let active = 0;
  let stopping: Promise<number> | undefined;
  let whenIdle: (() => void) | undefined;

  for (const server of options.servers) {
    server.prependListener("request", (request, response) => {
      if (options.isStream?.(request)) return;
      active += 1;
      // A keep-alive client sent a request after the shutdown began: answer it, then make it reconnect.
      if (stopping && !response.headersSent) response.setHeader("connection", "close");
      response.once("close", () => {
        active -= 1;
        if (!stopping) return;
        server.closeIdleConnections?.();
        if (active === 0) whenIdle?.();
      });
    });
  }

  const run = async (reason: string): Promise<number> => {
    for (const server of options.servers) {
      server.close(() => {});
      server.closeIdleConnections?.();
    }
    options.log("info", "stopping", { reason, inFlight: active, drainMs });
    // A keep-alive client may still send a request while another drains: wait until none is left.
    const requestsDone = (async () => {
      while (active > 0) await new Promise<void>((resolve) => (whenIdle = resolve));
    })();
    const workersDone = Promise.resolve()
      .then(() => options.stopWorkers?.())
      .catch((error: unknown) =>
        options.log("error", "stopping the workers failed", { error: String(error) }),
      );
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all([requestsDone, workersDone]).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), drainMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      options.log("warn", "drain bound reached; closing what is left", { inFlight: active, drainMs });
    }
    // Only streams and idle keep-alive connections are left when the drain succeeded.
    for (const server of options.servers) server.closeAllConnections?.();
    try {
      await options.close?.();
    } catch (error) {
      options.log("error", "closing resources failed", { error: String(error) });
    }
    const code = drained ? 0 : 1;
    options.log("info", "stopped", { exitCode: code });
    (options.exit ?? process.exit)(code);
    return code;
  };

  const shutdown = (reason: string) => {
    stopping ??= run(reason);
    return stopping;
  };
  for (const signal of options.signals ?? (["SIGTERM", "SIGINT"] as const)) {
    process.on(signal, () => void shutdown(signal));
  }
  return { inFlight: () => active, shutdown };
}
