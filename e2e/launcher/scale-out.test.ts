/**
 * The launcher's scale-out mode (`npm run start:scale-out`): services that keep data get their own database on one
 * PostgreSQL server, and a service run as several instances sits behind a round-robin proxy on its own port, so
 * that losing one instance loses no request.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningPostgres, startPostgresForTests } from "@catv/postgres/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseNameOf } from "./service-databases.ts";
import { type RunningSystem, startSystem } from "./system.ts";
import { freeInstancePorts, freeServicePorts } from "./testing/free-ports.ts";

describe("scale-out mode", { timeout: 300_000 }, () => {
  let postgres: RunningPostgres;
  let system: RunningSystem;
  let instancePorts: Record<string, number[]>;

  beforeAll(async () => {
    postgres = await startPostgresForTests();
    instancePorts = await freeInstancePorts({ healthcare: 2 });
    system = await startSystem({
      dataDir: mkdtempSync(join(tmpdir(), "catv-scale-out-test-")),
      only: ["healthcare"],
      env: await freeServicePorts(),
      minStartupSeconds: 240,
      postgres: { adminUrl: postgres.adminUrl },
      instances: { healthcare: 2 },
      instancePorts,
    });
  }, 600_000);

  afterAll(async () => {
    await system?.stop();
    await postgres?.stop();
  });

  it("runs each instance as its own supervised process on its own port, behind the service's URL", () => {
    const instances = [...system.services.values()].filter((s) => s.declaration.name === "healthcare");
    expect(instances.map((s) => s.name)).toEqual(["healthcare-1", "healthcare-2"]);
    expect(instances.map((s) => s.port)).toEqual(instancePorts.healthcare);
    expect(instances.every((s) => s.url === system.urls.healthcare && s.child)).toBe(true);
  });

  it("gives the service its own PostgreSQL database, migrated, shared by its instances", async () => {
    const instances = [...system.services.values()].filter((s) => s.declaration.name === "healthcare");
    const urls = new Set(instances.map((s) => s.env.DATABASE_URL));
    expect(urls.size).toBe(1);
    expect(new URL([...urls][0] ?? "").pathname).toBe(`/${databaseNameOf("healthcare")}`);
    const client = new pg.Client({ connectionString: [...urls][0] });
    await client.connect();
    try {
      const tables = await client.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("keeps answering at the service's URL with one instance stopped", async () => {
    await system.stopService("healthcare-1");
    const statuses = await Promise.all(
      [0, 1, 2, 3].map(async () => (await fetch(`${system.urls.healthcare}/health`)).status),
    );
    expect(statuses).toEqual([200, 200, 200, 200]);
    await system.startService("healthcare-1");
  });
});
