/**
 * @module Process entry of the healthcare information provider (ヘルスケア情報, port 7040). Its sample data is
 * generated per viewer at enrolment, so there is nothing to seed at start. The database is SQLite, or PostgreSQL
 * with `DATABASE_URL` (several instances may share it: the provider has no timer or worker of its own).
 */
import { createAssertionVerifier, rememberConfiguredOperators, startServer } from "@catv/provider-kit";
import { createJsonLogger } from "@catv/service-kit";
import { processMetrics } from "@catv/service-kit/metrics";
import { loadHealthcareConfig, PROVIDER_ID } from "./config.ts";
import { openHealthStore } from "./db/open-health-store.ts";
import { randomId } from "./domain/deps.ts";
import { createHealthcareApp } from "./http/app.ts";

const logger = createJsonLogger("healthcare");
const config = loadHealthcareConfig(process.env);
const database = await openHealthStore(config.database, logger);
logger.info("database", { kind: config.database.kind });
const store = database.store;
await rememberConfiguredOperators(store.operators, config.credentials.operators, new Date());
const app = createHealthcareApp({
  deps: { store, now: () => new Date(), newId: randomId },
  verifyAssertion: createAssertionVerifier({
    pfUrl: config.pfUrl,
    providerId: PROVIDER_ID,
    ...(database.replayStore ? { replayStore: database.replayStore } : {}),
  }),
  translateError: database.translateError,
  webhookSecret: config.credentials.webhookSecret,
  staff: config.staff,
  logger,
});
database.registerMetrics(processMetrics("healthcare"));
startServer({
  fetch: app.fetch,
  port: config.port,
  logger,
  service: "healthcare",
  drainMs: config.drainMs,
  onClose: () => database.close(),
});
