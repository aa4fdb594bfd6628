/**
 * @module Process entry of the insurers' system (port 7070): reads and checks its configuration, opens and migrates
 * its database (`medical-insurer.sqlite`, or PostgreSQL with `DATABASE_URL`, shared by several instances), loads the demo insurers, their staff and (on an empty register) their demo 被保険者DB,
 * listens on 127.0.0.1, and keeps telling the PF the link states it owes until SIGTERM, when it drains
 * (`@catv/service-kit/graceful-shutdown`): requests in flight are answered, the delivery in hand is finished and
 * marked, the database closed.
 */
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { loginFailureWindowEndedBefore } from "@catv/service-kit/login-throttle";
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { buildRegistrationScript } from "./browser/build-browser-script.ts";
import { loadInsurerConfig } from "./config.ts";
import { openInsurerStore } from "./db/open-insurer-store.ts";
import { deliverLinkStates } from "./domain/deliver-link-states.ts";
import { registrationCallWindowEndedBefore } from "./domain/limit-registration-calls.ts";
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from "./domain/log-in-staff.ts";
import type { Deps } from "./domain/ports.ts";
import { createPfVerifierClient } from "./pf/pf-verifier-client.ts";
import { seedDemo } from "./seed/seed-demo.ts";

const logger = createJsonLogger("medical-insurer");
const config = loadInsurerConfig();
const database = await openInsurerStore(config.database, logger);
const secrets = new Map(
  config.insurers.map((i) => [i.id, { apiKey: i.apiKey, webhookSecret: i.webhookSecret }]),
);
const deps: Deps = {
  store: database.store,
  pf: createPfVerifierClient(config.pfUrl),
  secrets: (insurerId) => secrets.get(insurerId),
  now: () => new Date(),
  logger,
};

const seeded = await seedDemo(database.store, config.insurers);
logger.info("insurers loaded", {
  insurers: config.insurers.map((i) => i.id),
  registersSeeded: seeded.seededInsurers,
  database: config.database.kind,
});

let script: Promise<string> | undefined;
const app = createApp({
  deps,
  logger,
  pfUrl: config.pfUrl,
  insurerIds: config.insurers.map((i) => i.id),
  replayStore: database.replayStore,
  translateError: database.translateError,
  readerBootFile: config.readerBootFile,
  registrationScript: () => {
    // A failed build is not kept: the next request tries again.
    script ??= buildRegistrationScript().catch((error: unknown) => {
      script = undefined;
      throw error;
    });
    return script;
  },
});
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  logger.info("listening", { port: info.port, pfUrl: config.pfUrl });
});

// Link states are retried until the PF accepts them; a new one goes out at once. Each pass also forgets expired
// staff sessions, registration-page sessions, and the staff-login failure windows and registration-page call windows
// that are over. With several instances on one PostgreSQL database, the instance holding the pass's advisory lock
// runs it and the others skip their turn: a link state is sent by one at a time.
const worker = startOutboxWorker(
  (signal) =>
    database.jobs.run("medical-insurer:link-states", async () => {
      const now = Date.now();
      await database.store.staff.deleteExpiredSessions(
        new Date(now - SESSION_IDLE_MINUTES * 60_000).toISOString(),
        new Date(now - SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString(),
      );
      await database.store.webRegistrations.deleteOlderThan(new Date(now - 24 * 3_600_000).toISOString());
      await database.store.loginFailures.deleteEnded(loginFailureWindowEndedBefore(now));
      await database.store.registrationCalls.deleteEnded(registrationCallWindowEndedBefore(now));
      await deliverLinkStates(deps, signal);
    }),
  { name: "pf link states", intervalMs: config.outboxPollMs, logger },
);
deps.linkDeliveryDue = () => setImmediate(worker.kick);
worker.kick();

installGracefulShutdown({
  servers: [server],
  drainMs: config.drainMs,
  log: (level, msg, fields) => logger.log(level, msg, fields),
  stopWorkers: () => worker.stop(),
  close: () => database.close(),
});
