import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  answerNodeMetrics,
  createServiceMetrics,
  httpMetrics,
  isMetricsRequest,
  mountMetrics,
  registerSqliteTableMetrics,
  timeNodeRequest,
} from "./metrics.ts";

const TOKEN = "metrics-token-for-tests-0123";
const bearer = { headers: { authorization: `Bearer ${TOKEN}` } };

function appWith(token: string | null = TOKEN) {
  const metrics = createServiceMetrics("test-service", { defaultMetrics: false });
  const app = new Hono();
  app.use("*", httpMetrics(metrics));
  app.get("/things/:id", (c) => c.json({ id: c.req.param("id") }));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  app.onError((_e, c) => c.json({ error: "internal_error" }, 500));
  mountMetrics(app as never, metrics, token ?? undefined);
  return { app, metrics };
}

describe("HTTP metrics", () => {
  it("counts a request by its route pattern, never by the concrete path", async () => {
    const { app } = appWith();
    await app.request("/things/cable-id-12345");
    await app.request("/things/another-id");
    const text = await (await app.request("/metrics", bearer)).text();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/things/:id",status="200",service="test-service"} 2',
    );
    expect(text).not.toContain("cable-id-12345");
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/things\/:id"[^}]*\} 2/);
  });

  it("counts an error answer with the status the error handler gave it", async () => {
    const { app } = appWith();
    await app.request("/boom");
    const text = await (await app.request("/metrics", bearer)).text();
    expect(text).toContain('route="/boom",status="500"');
  });

  it("labels every path no route matched as one series", async () => {
    const { app } = appWith();
    await app.request("/random/a");
    await app.request("/random/b");
    const text = await (await app.request("/metrics", bearer)).text();
    expect(text).toContain('route="unmatched",status="404",service="test-service"} 2');
  });
});

describe("the /metrics endpoint", () => {
  it("refuses a request without the token", async () => {
    const { app } = appWith();
    const res = await app.request("/metrics");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("refuses a wrong token of the same length", async () => {
    const { app } = appWith();
    const wrong = `${TOKEN.slice(0, -1)}x`;
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(
      401,
    );
  });

  it("is absent when no token is configured", async () => {
    const { app } = appWith(null);
    expect((await app.request("/metrics", bearer)).status).toBe(404);
  });

  it("answers the Prometheus text format to the token's bearer", async () => {
    const { app } = appWith();
    const res = await app.request("/metrics", bearer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  });
});

describe("metrics of a node:http server", () => {
  it("times a request by the pattern it is given and answers /metrics to the token's bearer", async () => {
    const metrics = createServiceMetrics("node-service", { defaultMetrics: false });
    const server = createServer((req, res) => {
      if (isMetricsRequest(req)) return void answerNodeMetrics(metrics, TOKEN, req, res);
      timeNodeRequest(metrics, req, res, (_m, path) => (path.startsWith("/assets/") ? "/assets/*" : "/*"));
      res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/assets/app-123.js`);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const text = await (await fetch(`${base}/metrics`, bearer)).text();
      expect(text).toContain(
        'http_requests_total{method="GET",route="/assets/*",status="200",service="node-service"} 1',
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("table sizes", () => {
  it("reports the rows and bytes of each table", async () => {
    const metrics = createServiceMetrics("db-service", { defaultMetrics: false });
    const sqlite = new Database(":memory:");
    sqlite.exec(
      "create table sessions (id text primary key); insert into sessions values ('a'), ('b'), ('c');",
    );
    registerSqliteTableMetrics(metrics, sqlite, { database: "test", cacheMs: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('db_table_rows{database="test",table="sessions",service="db-service"} 3');
    expect(text).toMatch(/db_table_bytes\{database="test",table="sessions",service="db-service"\} \d+/);
    sqlite.exec("insert into sessions values ('d')");
    expect(await metrics.registry.metrics()).toContain('table="sessions",service="db-service"} 4');
  });
});
