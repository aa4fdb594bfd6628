import { silentLogger } from "@catv/service-kit";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { PfEnv } from "../env.ts";
import { onError } from "./errors.ts";

/** An app whose one route fails the way the store does when PostgreSQL goes away mid-request. */
function appThrowing(error: Error) {
  const app = new Hono<PfEnv>();
  app.use(async (c, next) => {
    c.set("requestId", "req-1");
    await next();
  });
  app.get("/x", () => {
    throw error;
  });
  app.onError(onError(silentLogger));
  return app;
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("the PF's error answers when the database is lost", () => {
  it("answers a PostgreSQL shutdown (57P01) with 503 service_unavailable", async () => {
    const res = await appThrowing(
      withCode("terminating connection due to administrator command", "57P01"),
    ).request("/x");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable", requestId: "req-1" } });
  });

  it("answers a refused database connection with 503 service_unavailable", async () => {
    const res = await appThrowing(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")).request(
      "/x",
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });

  it("still answers any other unexpected error with 500 internal_error, without its message", async () => {
    const res = await appThrowing(new Error("secret detail")).request("/x");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("internal_error");
    expect(body).not.toContain("secret detail");
  });
});
