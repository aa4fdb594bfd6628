/**
 * @module `npm start`: the whole system with demo data on the embedded SQLite databases. `npm run start:scale-out`
 * (`--postgres`): the same system on PostgreSQL, with several PF instances behind a round-robin proxy on the PF's
 * port (`--pf-instances N`, 2 by default) — as a deployment runs it behind a load balancer (README "Scale-out").
 *
 * Environment: CATV_DATA_DIR (default `.data` in the repository; a fresh temporary folder in the PostgreSQL mode
 * with its throwaway server), each service's port variable (see README), CATV_ECHO_LOGS=1 to echo every
 * service's log to the terminal, CATV_STARTUP_SECONDS to wait longer than the services declare for their health
 * checks (a slow or busy machine), CATV_POSTGRES_ADMIN_URL (PostgreSQL mode) a superuser URL of your own
 * PostgreSQL server, on which each service gets its own database (`catv_<service>`), kept between runs.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningPostgres, startPostgresForTests } from "@catv/postgres/testing";
import type { DemoCredentials } from "./demo-credentials.ts";
import { providerStaffLines } from "./provider-staff-lines.ts";
import { repoRoot } from "./services.ts";
import { type RunningSystem, startSystem } from "./system.ts";

const args = process.argv.slice(2);
const onPostgres = args.includes("--postgres");
const pfInstancesArg = args[args.indexOf("--pf-instances") + 1];
const pfInstances = args.includes("--pf-instances") ? Number(pfInstancesArg) : onPostgres ? 2 : 1;
if (!Number.isInteger(pfInstances) || pfInstances < 1 || pfInstances > 8) {
  console.error("✖ --pf-instances takes a whole number from 1 to 8.");
  process.exit(64);
}
if (pfInstances > 1 && !onPostgres) {
  console.error("✖ Several PF instances share one PostgreSQL database: add --postgres.");
  process.exit(64);
}

let embeddedPostgres: RunningPostgres | undefined;
let postgres: { adminUrl: string } | undefined;
if (onPostgres) {
  const adminUrl = process.env.CATV_POSTGRES_ADMIN_URL;
  if (adminUrl) postgres = { adminUrl };
  else {
    console.log("Starting a throwaway PostgreSQL server (its data lasts while the system runs) …");
    embeddedPostgres = await startPostgresForTests();
    postgres = { adminUrl: embeddedPostgres.adminUrl };
  }
}
const dataDir =
  process.env.CATV_DATA_DIR ??
  (embeddedPostgres ? mkdtempSync(join(tmpdir(), "catv-scale-out-")) : join(repoRoot, ".data"));
console.log(
  `Starting the CATV My Number platform (data: ${dataDir}${postgres ? `; PostgreSQL, ${pfInstances} PF instances` : ""}) …`,
);

let system: RunningSystem;
try {
  system = await startSystem({
    dataDir,
    echo: process.env.CATV_ECHO_LOGS === "1",
    minStartupSeconds: Number(process.env.CATV_STARTUP_SECONDS ?? 0) || undefined,
    postgres,
    instances: { pf: pfInstances },
    onCrash(report) {
      console.error(
        `\n✖ ${report.service} stopped unexpectedly (exit code ${report.exitCode ?? "-"}, signal ${report.signal ?? "-"}). ` +
          `Last lines of its log:\n${report.lastLogLines.map((l) => `  ${l}`).join("\n")}\n` +
          `  Restarting it in ${report.restartInMs / 1000} s; the other services keep running.`,
      );
    },
    onRestart(report) {
      if (report.healthy) console.log(`↻ ${report.service} is back (restart ${report.restarts}).`);
      else console.error(`✖ ${report.service} did not come back healthy: ${report.error}`);
    },
  });
} catch (error) {
  console.error(`✖ Start-up failed: ${(error as Error).message}`);
  await embeddedPostgres?.stop();
  process.exit(1);
}

const credentials = JSON.parse(readFileSync(system.credentialsPath, "utf8")) as DemoCredentials;
console.log("\nAll services are up:\n");
const printed = new Set<string>();
for (const service of system.services.values()) {
  if (printed.has(service.declaration.name)) continue;
  printed.add(service.declaration.name);
  const instances = [...system.services.values()].filter(
    (s) => s.declaration.name === service.declaration.name,
  );
  const behind =
    instances.length > 1 ? `  (round robin over ${instances.map((s) => s.directUrl).join(", ")})` : "";
  console.log(`  ${service.declaration.title.padEnd(34)} ${service.url}${behind}`);
  for (const link of service.declaration.links)
    console.log(`      ${link.label}: ${service.url}${link.path}`);
}
console.log("\nDemo staff logins for the operator console (per operator):");
for (const operator of credentials.operators) {
  for (const staff of operator.staff) {
    console.log(`  ${operator.name} ${staff.role.padEnd(5)} ${staff.loginId} / ${staff.password}`);
  }
}
console.log("\nDemo staff logins for the service providers' staff pages (HTTP Basic, user / password):");
for (const line of providerStaffLines(credentials, system)) console.log(line);
console.log("\nDemo staff logins for the insurers' system (被保険者管理・紐づけ, per insurer):");
for (const insurer of credentials.medical?.insurers ?? []) {
  for (const staff of insurer.staff) {
    console.log(`  ${insurer.name} ${staff.role.padEnd(5)} ${staff.loginId} / ${staff.password}`);
  }
}
for (const institution of credentials.medical?.institutions ?? []) {
  console.log(`\nDemo staff logins for ${institution.name} (受付状況・顧客管理):`);
  for (const staff of institution.staff)
    console.log(`  ${staff.role.padEnd(5)} ${staff.loginId} / ${staff.password}`);
}
console.log("\nPF administrator console (共通的PF 管理コンソール), login / password:");
const pf = [...system.services.values()].find((s) => s.declaration.name === "pf");
for (const staff of credentials.pfAdminStaff) {
  console.log(
    `  ${staff.role.padEnd(5)} ${staff.loginId} / ${staff.password}   ${pf?.url ?? ""}/admin/login`,
  );
}
console.log("\nPrometheus metrics: GET /metrics on every service above, with the header");
console.log(`  Authorization: Bearer ${credentials.metricsToken}`);
console.log(`  e.g. curl -H "Authorization: Bearer ${credentials.metricsToken}" ${pf?.url ?? ""}/metrics`);
console.log(`\nLogs: ${join(system.dataDir, "logs")}   Credentials: ${system.credentialsPath}`);
console.log(
  "A service that stops on its own is restarted (1 s back-off doubling to 30 s; logs/launcher.log).",
);
console.log("Press Ctrl-C to stop everything (each service finishes what it is doing first).");

let shuttingDown = false;
const shutdown = async (signal: string) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n${signal}: stopping all services …`);
  await system.stop();
  await embeddedPostgres?.stop();
  const unclean = [...system.services.values()].filter((s) => s.lastExit && s.lastExit.exitCode !== 0);
  for (const service of unclean) {
    console.error(
      `  ${service.name} did not stop cleanly (exit code ${service.lastExit?.exitCode ?? "-"}, signal ${service.lastExit?.signal ?? "-"})`,
    );
  }
  process.exit(unclean.length === 0 ? 0 : 1);
};
// Ctrl-C reaches the services too (same process group); they drain while the launcher sends SIGTERM and waits.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => void shutdown(signal));
