/**
 * @module Process entry of the healthcare information provider (ヘルスケア情報, port 7040). Its sample data is
 * generated per viewer at enrolment, so there is nothing to seed at start.
 */
import { createAssertionVerifier, rememberConfiguredOperators, startServer } from "@catv/provider-kit";
import { createJsonLogger } from "@catv/service-kit";
import { processMetrics, registerSqliteTableMetrics } from "@catv/service-kit/metrics";
import { loadHealthcareConfig, PROVIDER_ID } from "./config.ts";
import { openHealthcareDb } from "./db/open-healthcare-db.ts";
import { sqliteHealthStore } from "./db/sqlite-health-store.ts";
import { randomId } from "./domain/deps.ts";
import { createHealthcareApp } from "./http/app.ts";

const logger = createJsonLogger("healthcare");
const config = loadHealthcareConfig(process.env);
const { sqlite, db } = openHealthcareDb(config.databaseFile);
const store = sqliteHealthStore(sqlite, db);
await rememberConfiguredOperators(store.operators, config.credentials.operators, new Date());
const app = createHealthcareApp({
  deps: { store, now: () => new Date(), newId: randomId },
  verifyAssertion: createAssertionVerifier({ pfUrl: config.pfUrl, providerId: PROVIDER_ID }),
  webhookSecret: config.credentials.webhookSecret,
  staff: config.staff,
  logger,
});
registerSqliteTableMetrics(processMetrics("healthcare"), sqlite, { database: "healthcare" });
startServer({
  fetch: app.fetch,
  port: config.port,
  logger,
  service: "healthcare",
  drainMs: config.drainMs,
  onClose: () => sqlite.close(),
});
