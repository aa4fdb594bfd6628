/**
 * @module Process entry of the facility booking provider (施設予約, port 7030): opens the database (SQLite, or
 * PostgreSQL with `DATABASE_URL`), seeds the demo catalogue on first run, starts the usage-report worker and
 * listens. Several instances may share one PostgreSQL database: each worker claims reports with a lease, and the
 * seed runs in one transaction that finds the catalogue already there on every instance but the first.
 */

import {
  createAssertionVerifier,
  flushUsageOutbox,
  rememberConfiguredOperators,
  startServer,
} from "@catv/provider-kit";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { processMetrics } from "@catv/service-kit/metrics";
import { loadFacilityConfig, PROVIDER_ID } from "./config.ts";
import { openFacilityStore } from "./db/open-facility-store.ts";
import { type FacilityDeps, randomId } from "./domain/deps.ts";
import { createFacilityApp } from "./http/app.ts";
import { seedDemoData } from "./seed/seed-demo-data.ts";

const logger = createJsonLogger("facility");
const config = loadFacilityConfig(process.env);
const database = await openFacilityStore(config.database, logger);
logger.info("database", { kind: config.database.kind });
const deps: FacilityDeps = { store: database.store, now: () => new Date(), newId: randomId };
if ((await seedDemoData(deps)).seeded) logger.info("seeded demo facilities (サンプルデータ)");
await rememberConfiguredOperators(deps.store.operators, config.credentials.operators, deps.now());

const worker = startOutboxWorker(
  async () => {
    const pass = await flushUsageOutbox({
      outbox: deps.store.outbox,
      now: deps.now,
      pfUrl: config.pfUrl,
      apiKey: config.credentials.apiKey,
      logger,
      ...(config.usageLeaseMs ? { leaseMs: config.usageLeaseMs } : {}),
      concurrency: config.usageConcurrency,
    });
    // A backlog (a month of usage at once) goes out pass after pass, not one pass per retry interval.
    if (pass.more) worker.kick();
  },
  { name: "usage reports", intervalMs: config.usageRetryIntervalMs, logger },
);
worker.kick();

const app = createFacilityApp({
  deps,
  verifyAssertion: createAssertionVerifier({
    pfUrl: config.pfUrl,
    providerId: PROVIDER_ID,
    ...(database.replayStore ? { replayStore: database.replayStore } : {}),
  }),
  translateError: database.translateError,
  webhookSecret: config.credentials.webhookSecret,
  staff: config.staff,
  logger,
  onUsageQueued: worker.kick,
});

database.registerMetrics(processMetrics("facility"));
startServer({
  fetch: app.fetch,
  port: config.port,
  logger,
  service: "facility",
  drainMs: config.drainMs,
  // A report being sent when SIGTERM arrives is finished and marked; one cut short by the drain bound is sent
  // again after the restart with the same Idempotency-Key, which the PF records once.
  stopWorkers: () => worker.stop(),
  onClose: () => database.close(),
});
