/**
 * @module Process entry of the operator console: reads the environment, opens and migrates the database (SQLite,
 * or PostgreSQL when `DATABASE_URL` names one), seeds the demo operators on first run, listens on 127.0.0.1, and
 * keeps delivering owed messages to the PF until SIGTERM, when it drains (`@catv/service-kit/graceful-shutdown`).
 * Its background jobs run through `runExclusive`, so several consoles on one PostgreSQL database run each job on
 * one of them at a time.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { loginFailureWindowEndedBefore } from "@catv/service-kit/login-throttle";
import { processMetrics, registerSqliteTableMetrics } from "@catv/service-kit/metrics";
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { readConfig, readDemoCredentials } from "./config.ts";
import { openStorage } from "./db/open-storage.ts";
import { type Deps, exclusively } from "./domain/context.ts";
import { sessionAbsoluteHours, sessionIdleMinutes } from "./domain/log-in-staff.ts";
import { createPfClient } from "./domain/pf-client.ts";
import { startPfDeliveryLoop } from "./domain/pf-delivery-loop.ts";
import { refreshFeeStatements } from "./domain/refresh-fee-statements.ts";
import { seedDemo } from "./seed/seed-demo.ts";

const logger = createJsonLogger("operator-console");
const log = logger.log;
const config = readConfig();
mkdirSync(config.dataDir, { recursive: true });
const isNew = config.database.kind === "sqlite" && !existsSync(config.database.file);
const storage = await openStorage(config.database, logger);
const { repos } = storage;
const deps: Deps = {
  repos,
  pf: createPfClient(config.pfUrl),
  now: () => new Date(),
  log,
  runExclusive: (name, job) => storage.jobs.run(name, job),
};
log("info", "database opened", { database: config.database.kind });

if (config.demoCredentialsPath && existsSync(config.demoCredentialsPath)) {
  // Households are seeded for an operator whose register is empty: the first run (or a first run that was cut short).
  await seedDemo(repos, readDemoCredentials(config.demoCredentialsPath), { households: true });
  log("info", "demo operators loaded", { newDatabase: isNew });
} else {
  log("warn", "no demo credentials file; no operators configured", { path: config.demoCredentialsPath });
}

const app = createApp(deps);
if (storage.sqliteFile) {
  registerSqliteTableMetrics(processMetrics("operator-console"), storage.sqliteFile, { database: "console" });
}
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  log("info", "listening", { port: info.port, pfUrl: config.pfUrl });
});

// Household-link states and settlements are retried until the PF accepts them (at-least-once, idempotent keys);
// a new link state goes out at once. Expired staff sessions and staff-login failure windows that are over are swept
// on each pass (by one console at a time).
const delivery = startPfDeliveryLoop(deps, {
  intervalMs: 15_000,
  onTick: async () => {
    const now = Date.now();
    await exclusively(deps, "operator-console:session-sweep", () =>
      repos.accounts.deleteExpiredSessions(
        new Date(now - sessionIdleMinutes * 60_000).toISOString(),
        new Date(now - sessionAbsoluteHours * 3_600_000).toISOString(),
      ),
    );
    await exclusively(deps, "operator-console:login-failure-sweep", () =>
      repos.loginFailures.deleteEnded(loginFailureWindowEndedBefore(now)),
    );
  },
});
deps.pfDeliveryDue = delivery.due;

// The PF's fee statements (the dashboard's login chart): the month in progress and the month just ended.
const feeStatements = startOutboxWorker(
  async () => {
    await exclusively(deps, "operator-console:fee-statements", () => refreshFeeStatements(deps));
  },
  {
    name: "fee statements",
    intervalMs: 60_000,
    logger: { error: (msg, fields) => log("error", msg, fields) },
  },
);
feeStatements.kick();

installGracefulShutdown({
  servers: [server],
  drainMs: config.drainMs,
  log,
  // A pass in progress finishes (what the PF accepted is marked; the rest is retried at the next start).
  stopWorkers: async () => {
    await Promise.all([delivery.stop(), feeStatements.stop()]);
  },
  close: () => storage.close(),
});
