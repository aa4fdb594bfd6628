import { connect, createServer, type Server, type Socket } from "node:net";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.tsx";
import type { Deps } from "../../domain/context.ts";
import { createPfClient } from "../../domain/pf-client.ts";
import { type OpenedConsolePostgres, openConsolePostgres } from "./database.ts";
import { createPgRepositories } from "./repositories.ts";

/**
 * A TCP relay between the console and PostgreSQL that a test can cut (every connection dropped, new ones refused,
 * as when the database's machine goes away) and restore on the same port.
 */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  private readonly target: { host: string; port: number };
  constructor(target: { host: string; port: number }) {
    this.target = target;
  }
  async listen(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    const address = this.server.address();
    if (typeof address === "object" && address) this.port = address.port;
  }
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let database: TestDatabase;
let relay: CuttableRelay;
let opened: OpenedConsolePostgres;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  relay = new CuttableRelay({ host: url.hostname, port: Number(url.port) });
  await relay.listen();
  url.port = String(relay.port);
  opened = await openConsolePostgres(url.toString());
  const deps: Deps = {
    repos: createPgRepositories(opened.db),
    pf: createPfClient("http://127.0.0.1:1"),
    now: () => new Date(),
    log: () => {},
  };
  app = createApp(deps);
});
afterAll(async () => {
  await opened.close();
  await relay.cut().catch(() => {});
  await database.drop();
});

/** A page that reads the database before anything else: the session of a cookie. */
const dashboardAsJson = () =>
  app.request("/", {
    headers: { accept: "application/json", cookie: "__Host-console_session=unknown-token" },
  });

describe("the console on PostgreSQL when the database goes away", () => {
  it("answers 503 service_unavailable while the database cannot be reached, then serves again by itself", async () => {
    // No such session: sent to the login page.
    expect((await dashboardAsJson()).status).toBe(303);

    await relay.cut();
    const during = await dashboardAsJson();
    expect(during.status).toBe(503);
    const body = (await during.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/ECONN|terminated|at /);

    await relay.listen();
    expect((await dashboardAsJson()).status).toBe(303);
  });
});
