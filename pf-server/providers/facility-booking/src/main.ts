/**
 * @module Process entry of the facility booking provider (施設予約, port 7030): opens the database, seeds the
 * demo catalogue on first run, starts the usage-report worker and listens.
 */

import {
  createAssertionVerifier,
  flushUsageOutbox,
  rememberConfiguredOperators,
  startServer,
} from "@catv/provider-kit";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { processMetrics, registerSqliteTableMetrics } from "@catv/service-kit/metrics";
import { loadFacilityConfig, PROVIDER_ID } from "./config.ts";
import { openFacilityDb } from "./db/open-facility-db.ts";
import { sqliteFacilityStore } from "./db/sqlite-store.ts";
import { type FacilityDeps, randomId } from "./domain/deps.ts";
import { createFacilityApp } from "./http/app.ts";
import { seedDemoData } from "./seed/seed-demo-data.ts";

const logger = createJsonLogger("facility");
const config = loadFacilityConfig(process.env);
const { sqlite, db } = openFacilityDb(config.databaseFile);
const deps: FacilityDeps = { store: sqliteFacilityStore(sqlite, db), now: () => new Date(), newId: randomId };
if ((await seedDemoData(deps)).seeded) logger.info("seeded demo facilities (サンプルデータ)");
await rememberConfiguredOperators(deps.store.operators, config.credentials.operators, deps.now());

const worker = startOutboxWorker(
  () =>
    flushUsageOutbox({
      outbox: deps.store.outbox,
      now: deps.now,
      pfUrl: config.pfUrl,
      apiKey: config.credentials.apiKey,
      logger,
    }),
  { name: "usage reports", intervalMs: config.usageRetryIntervalMs, logger },
);
worker.kick();

const app = createFacilityApp({
  deps,
  verifyAssertion: createAssertionVerifier({ pfUrl: config.pfUrl, providerId: PROVIDER_ID }),
  webhookSecret: config.credentials.webhookSecret,
  staff: config.staff,
  logger,
  onUsageQueued: worker.kick,
});

registerSqliteTableMetrics(processMetrics("facility"), sqlite, { database: "facility" });
startServer({
  fetch: app.fetch,
  port: config.port,
  logger,
  service: "facility",
  drainMs: config.drainMs,
  // A report being sent when SIGTERM arrives is finished and marked; one cut short by the drain bound is sent
  // again after the restart with the same Idempotency-Key, which the PF records once.
  stopWorkers: () => worker.stop(),
  onClose: () => sqlite.close(),
});
