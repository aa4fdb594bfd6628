/**
 * @module Prometheus metrics the one way every service here exposes them (prom-client, the Node client the
 * Prometheus project lists): a registry per service with the process's default metrics, HTTP requests by route
 * pattern and status with a latency histogram (a Hono middleware, and the same for a plain `node:http` handler),
 * the row counts and sizes of the service's SQLite tables, and the `/metrics` answer.
 *
 * Who may read it: a scraper that presents `CATV_METRICS_TOKEN` as a bearer token. Without a token configured the
 * endpoint answers 404 — never "open to loopback", because a reverse proxy on the same host makes every visitor
 * look local. Labels carry route patterns, codes and tenant IDs only, never a path's values or personal data.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import Database from "better-sqlite3";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { failConfiguration } from "./env-config.ts";

export { Counter, Gauge, Histogram, Registry };

/** Seconds; from 5 ms (a cached read) to 10 s (the PF's provider and webhook timeouts). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where the metrics are served, on each service's own port. */
export const METRICS_PATH = "/metrics";

/** The route label of a request no route matched (so a scan of random paths adds one series, not thousands). */
export const UNMATCHED_ROUTE = "unmatched";

export interface ServiceMetrics {
  service: string;
  registry: Registry;
  /** Counts one HTTP request and observes its duration. */
  observeHttp(method: string, route: string, status: number, seconds: number): void;
}

/**
 * A registry labelled `service="<name>"`, with Node's default metrics (CPU, memory, event-loop lag, GC) unless
 * `defaultMetrics` is false (tests that build many registries in one process).
 * @example const metrics = createServiceMetrics("pf-server");
 */
export function createServiceMetrics(
  service: string,
  options: { defaultMetrics?: boolean } = {},
): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status.",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by method, route pattern and status.",
    labelNames: ["method", "route", "status"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    service,
    registry,
    observeHttp(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

const processRegistries = new Map<string, ServiceMetrics>();

/**
 * The process's metrics of `service`, created at the first call (with Node's default metrics once per process):
 * for services whose app is assembled deep inside, so their entry point and their app builder share one registry
 * without threading it through every constructor — as prom-client's own default registry would, but labelled.
 * @example registerSqliteTableMetrics(processMetrics("facility"), databaseFile, { database: "facility" });
 */
export function processMetrics(service: string): ServiceMetrics {
  let metrics = processRegistries.get(service);
  if (!metrics) {
    metrics = createServiceMetrics(service, { defaultMetrics: processRegistries.size === 0 });
    processRegistries.set(service, metrics);
  }
  return metrics;
}

/** The pattern of the handler that answered (`/v1/admin/outbox/:id/requeue`), never the concrete path. */
export function honoRoutePattern(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== "ALL");
  return handlers.at(-1)?.path ?? UNMATCHED_ROUTE;
}

/**
 * Hono middleware: every request counted and timed by route pattern and status (errors included — the error
 * handler has set the answer by the time `next()` returns). Mount it first, on `*`.
 * @example app.use("*", httpMetrics(metrics));
 */
export function httpMetrics(metrics: ServiceMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      if (c.req.path !== METRICS_PATH) {
        metrics.observeHttp(
          c.req.method,
          honoRoutePattern(c),
          c.res.status,
          (performance.now() - started) / 1000,
        );
      }
    }
  };
}

/** True when the `Authorization` header carries exactly the configured token. */
export function metricsRequestAuthorized(
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics` on a Hono app, answered only to the bearer of `token` (404 when no token is configured, 401 to
 * a wrong one).
 * @example mountMetrics(app, metrics, process.env.CATV_METRICS_TOKEN);
 */
export function mountMetrics(app: Hono<never>, metrics: ServiceMetrics, token: string | undefined): void {
  (app as unknown as Hono).get(METRICS_PATH, async (c) => {
    if (!token) return c.text("Not found", 404);
    if (!metricsRequestAuthorized(c.req.header("authorization"), token)) {
      c.header("www-authenticate", 'Bearer realm="metrics"');
      return c.text("Unauthorized", 401);
    }
    c.header("content-type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}

/** The path of a `node:http` request, without its query. */
const pathOf = (req: IncomingMessage) => (req.url ?? "/").split("?")[0] ?? "/";

/** True for `GET /metrics` (a `node:http` server answers it with `answerNodeMetrics`). */
export function isMetricsRequest(req: IncomingMessage): boolean {
  return req.method === "GET" && pathOf(req) === METRICS_PATH;
}

/** Answers `GET /metrics` on a `node:http` server, with the same rules as `mountMetrics`. */
export async function answerNodeMetrics(
  metrics: ServiceMetrics,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!token) {
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  } else if (!metricsRequestAuthorized(req.headers.authorization, token)) {
    res
      .writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' })
      .end("Unauthorized");
  } else {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
  }
}

/**
 * Times a `node:http` request by the route pattern `routeOf` gives its method and path, once its answer is
 * finished (a request whose client went away first is counted with status 499, as nginx logs it).
 * @example timeNodeRequest(metrics, req, res, (method, path) => (path === "/health" ? path : "/*"));
 */
export function timeNodeRequest(
  metrics: ServiceMetrics,
  req: IncomingMessage,
  res: ServerResponse,
  routeOf: (method: string, path: string) => string,
): void {
  const started = performance.now();
  const method = req.method ?? "GET";
  const route = routeOf(method, pathOf(req));
  let counted = false;
  const count = (status: number) => {
    if (counted) return;
    counted = true;
    metrics.observeHttp(method, route, status, (performance.now() - started) / 1000);
  };
  res.once("finish", () => count(res.statusCode));
  res.once("close", () => count(res.writableFinished ? res.statusCode : 499));
}

/**
 * Row counts and on-disk bytes of every table (and bytes of every index) of a SQLite database, read when scraped
 * and reused for `cacheMs` (counting rows is a scan; a scrape every 15 s must not become a load).
 * Bytes come from SQLite's `dbstat` table when the build has it (better-sqlite3's does). Given a file path, it
 * reads through a read-only connection of its own, opened at the first scrape (WAL: readers never block the
 * service's writer), so a service exposes its sizes without its store having to share its connection.
 * @example registerSqliteTableMetrics(metrics, join(dataDir, "pf.sqlite"), { database: "pf" });
 */
export function registerSqliteTableMetrics(
  metrics: ServiceMetrics,
  source: Database.Database | string,
  options: { database: string; cacheMs?: number },
): void {
  const cacheMs = options.cacheMs ?? 60_000;
  let connection: Database.Database | undefined = typeof source === "string" ? undefined : source;
  const db = () => {
    connection ??= new Database(source as string, { readonly: true, fileMustExist: true });
    return connection;
  };
  let cached: { at: number; rows: Map<string, number>; bytes: Map<string, number> } | undefined;
  const read = () => {
    if (cached && Date.now() - cached.at < cacheMs) return cached;
    const rows = new Map<string, number>();
    const sqlite = db();
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      rows.set(name, (sqlite.prepare(`select count(*) as n from ${quoted}`).get() as { n: number }).n);
    }
    const bytes = new Map<string, number>();
    try {
      const sizes = sqlite.prepare("select name, sum(pgsize) as bytes from dbstat group by name").all() as {
        name: string;
        bytes: number;
      }[];
      for (const s of sizes) bytes.set(s.name, s.bytes);
    } catch {
      // A SQLite build without dbstat: row counts only.
    }
    cached = { at: Date.now(), rows, bytes };
    return cached;
  };
  new Gauge({
    name: "db_table_rows",
    help: "Rows in each table of the service's database (refreshed at most once a minute).",
    labelNames: ["database", "table"],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [table, n] of read().rows) this.set({ database: options.database, table }, n);
    },
  });
  new Gauge({
    name: "db_table_bytes",
    help: "Bytes on disk of each table and index of the service's database (SQLite dbstat).",
    labelNames: ["database", "table"],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [table, n] of read().bytes) this.set({ database: options.database, table }, n);
    },
  });
}

/**
 * The metrics token from the environment (`CATV_METRICS_TOKEN`, at least 16 characters), or undefined when not
 * set; a too-short one stops the service with one configuration line.
 */
export function readMetricsToken(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.CATV_METRICS_TOKEN;
  if (!token) return undefined;
  if (token.length < 16) failConfiguration(service, ["CATV_METRICS_TOKEN must be at least 16 characters"]);
  return token;
}
