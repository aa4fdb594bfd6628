/**
 * The system the PF fault tests run against: J-LIS and two PF instances, each on a port found free, behind the
 * round-robin proxy, on a fresh test PostgreSQL and a fresh data folder (demo tenants and terminal keys seeded).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningPostgres, startPostgresForTests } from "@catv/postgres/testing";
import type { DemoCredentials } from "../../demo-credentials.ts";
import { type RunningSystem, startSystem } from "../../system.ts";
import { freeInstancePorts, freeServicePorts } from "../../testing/free-ports.ts";

export async function startJlisAndTwoPfInstances(
  dataDirPrefix: string,
): Promise<{ postgres: RunningPostgres; system: RunningSystem; credentials: DemoCredentials }> {
  const postgres = await startPostgresForTests();
  const system = await startSystem({
    dataDir: mkdtempSync(join(tmpdir(), dataDirPrefix)),
    only: ["jlis", "pf"],
    env: await freeServicePorts(),
    minStartupSeconds: 240,
    postgres: { adminUrl: postgres.adminUrl },
    instances: { pf: 2 },
    instancePorts: await freeInstancePorts({ pf: 2 }),
  });
  const credentials = JSON.parse(readFileSync(system.credentialsPath, "utf8")) as DemoCredentials;
  return { postgres, system, credentials };
}
