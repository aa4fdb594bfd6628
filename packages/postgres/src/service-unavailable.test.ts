import { codedErrorHandler, silentLogger } from "@catv/service-kit";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Hono } from "hono";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isConnectionLoss,
  mapConnectionLoss,
  ServiceUnavailableError,
  translateConnectionLoss,
} from "./service-unavailable.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** Runs a long query on `pool` and kills its connection from the server side while it runs. */
async function queryOnKilledConnection(run: (pool: pg.Pool) => Promise<unknown>): Promise<unknown> {
  const pool = new pg.Pool({ connectionString: database.url, application_name: "doomed" });
  pool.on("error", () => {});
  const admin = new pg.Client(database.url);
  await admin.connect();
  try {
    const running = run(pool).then(
      () => undefined,
      (error: unknown) => error,
    );
    for (let i = 0; i < 100; i++) {
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed' AND state = 'active'",
      );
      if (killed.rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return await running;
  } finally {
    await admin.end();
    await pool.end().catch(() => {});
  }
}

describe("connection loss", () => {
  it("maps a connection killed during a query to service_unavailable", async () => {
    const error = await queryOnKilledConnection((pool) => pool.query("SELECT pg_sleep(10)"));
    expect(isConnectionLoss(error)).toBe(true);
    expect(translateConnectionLoss(error)).toBeInstanceOf(ServiceUnavailableError);
  });

  it("sees the driver's error through drizzle's query error", async () => {
    const error = await queryOnKilledConnection((pool) =>
      drizzle({ client: pool }).execute(sql`SELECT pg_sleep(10)`),
    );
    expect(translateConnectionLoss(error)?.code).toBe("service_unavailable");
  });

  it("maps a refused connection to service_unavailable", async () => {
    const url = new URL(database.url);
    url.port = "1";
    const pool = new pg.Pool({ connectionString: url.toString() });
    const error = await pool.query("SELECT 1").then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await pool.end();
    expect(translateConnectionLoss(error)?.status).toBe(503);
  });

  it("leaves an error of the query itself (a unique key violated) as it is", async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    await pool.query("CREATE TABLE once (k text PRIMARY KEY)");
    await pool.query("INSERT INTO once VALUES ('a')");
    const error = await pool.query("INSERT INTO once VALUES ('a')").then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await pool.end();
    expect((error as { code?: string }).code).toBe("23505");
    expect(isConnectionLoss(error)).toBe(false);
    expect(translateConnectionLoss(error)).toBeUndefined();
  });

  it("throws ServiceUnavailableError from mapConnectionLoss in place of the driver's error", async () => {
    const error = await queryOnKilledConnection((pool) =>
      mapConnectionLoss(() => pool.query("SELECT pg_sleep(10)")),
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
  });

  it("is answered as 503 service_unavailable JSON by service-kit's error handler, without a stack", async () => {
    const app = new Hono();
    app.onError(codedErrorHandler({ logger: silentLogger, translate: translateConnectionLoss }));
    app.get("/households", async () => {
      throw await queryOnKilledConnection((pool) => pool.query("SELECT pg_sleep(10)"));
    });
    const response = await app.request("/households");
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/at |terminat/i);
  });
});
