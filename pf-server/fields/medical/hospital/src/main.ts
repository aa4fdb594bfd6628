/**
 * @module Process entry of the hospital's system (port HOSPITAL_PORT, 7080): checks its configuration, opens its
 * database (`hospital.sqlite`, or PostgreSQL with `DATABASE_URL`, which several instances may share), seeds the staff logins on first run, bundles the terminal page's code, and listens on 127.0.0.1 with a
 * graceful shutdown (the desk screens' event streams are closed last; they reconnect by themselves).
 */
import { randomUUID } from "node:crypto";
import { createReceptionPfClient } from "@catv/reception-kit";
import { createJsonLogger } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { serve } from "@hono/node-server";
import { loadHospitalConfig } from "./config.ts";
import { openHospitalStore } from "./db/open-hospital-store.ts";
import type { HospitalDeps } from "./domain/deps.ts";
import { TerminalRegistry } from "./domain/verify-terminal-assertion.ts";
import { createHospitalApp } from "./http/app.ts";
import { DeskEvents } from "./http/desk-events.ts";
import { terminalBundles } from "./http/terminal-bundle.ts";
import { seedStaff } from "./seed/seed-staff.ts";

const logger = createJsonLogger("hospital");
const config = loadHospitalConfig(process.env);
const database = await openHospitalStore(config.database, logger);
logger.info("database", { kind: config.database.kind });
const { store } = database;
const events = new DeskEvents();
const { institution } = config;
const deps: HospitalDeps = {
  store,
  pf: createReceptionPfClient({ pfUrl: config.pfUrl }),
  now: () => new Date(),
  newId: randomUUID,
  logger,
  institution: { id: institution.id, name: institution.name, apiKey: institution.apiKey },
  terminals: new TerminalRegistry(
    institution.sites.flatMap((site) =>
      site.terminals.map((t) => ({ terminalId: t.terminalId, siteId: site.siteId, publicJwk: t.publicJwk })),
    ),
    database.terminalReplay,
  ),
  retry: config.retry,
  changed: () => events.emit(),
};

const seeded = await seedStaff(store, institution.staff);
if (seeded > 0) logger.info("seeded staff logins from the demo credentials", { count: seeded });
await terminalBundles();

const app = createHospitalApp({
  deps,
  logger,
  events,
  bridgeBootFile: config.bridgeBootFile,
  receptionMethod: config.receptionMethod,
  retryPollMs: Math.min(config.retry.initialMs, 5_000),
  translateError: database.translateError,
});
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  logger.info("listening", { port: info.port, pfUrl: config.pfUrl, institutionId: institution.id });
});
installGracefulShutdown({
  servers: [server],
  drainMs: config.drainMs,
  isStream: (request) => request.url === "/desk/events",
  log: (level, msg, fields) => logger.log(level, msg, fields),
  close: () => database.close(),
});
