/**
 * @module Process entry of the CATV common platform (共通的PF): reads the environment, opens the database,
 * seeds the demo tenants on first run, starts the outbox worker and the CRL schedule, and listens.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { failConfiguration } from "@catv/service-kit/env-config";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { serve } from "@hono/node-server";
import { buildContext } from "./build-context.ts";
import { readConfig } from "./config.ts";
import { deliverOutboxEvents } from "./domain/deliver-outbox-events.ts";
import { pruneExpiredData } from "./domain/prune-expired-data.ts";
import { readDemoCredentials, seedDemo } from "./domain/seed-demo.ts";
import { createApp } from "./http/app.ts";
import { createJlisClient } from "./jlis-client/jlis-client.ts";
import { scheduleKeyMaintenance } from "./keys/key-maintenance-schedule.ts";
import { keysDirOf, openSigningKeys } from "./keys/open-signing-keys.ts";
import { createSecretBox, loadOrCreateSecretsKey } from "./keys/secret-box.ts";
import { createMemoryOcspCache } from "./revocation/ocsp-cache.ts";
import { auditArchiveFiles } from "./storage/audit-archive-files.ts";
import { createSqliteStore } from "./storage/sqlite/sqlite-store.ts";

const config = readConfig(readDemoCredentials);
const logger = createJsonLogger("pf-server");
const { credentials } = config;
const adminToken = config.adminToken ?? credentials?.pfAdminToken;
const verifier = credentials?.jlisVerifier ?? config.jlisVerifier;
if (!adminToken || !verifier) {
  failConfiguration("pf", ["PF_ADMIN_TOKEN, JLIS_VERIFIER_ID and JLIS_VERIFIER_SECRET must be set"]);
}

mkdirSync(config.dataDir, { recursive: true });
const store = createSqliteStore(join(config.dataDir, "pf.sqlite"));

const jlis = createJlisClient({
  baseUrl: config.jlisUrl,
  verifierId: verifier.id,
  verifierSecret: verifier.secret,
});
const signingKeys = openSigningKeys(config.signingKeys, config.dataDir);
logger.log("info", "signing keys", { store: signingKeys.storeKind });
const ctx = await buildContext({
  store,
  signingKeys,
  secrets: createSecretBox(loadOrCreateSecretsKey(join(keysDirOf(config.dataDir), "secrets.key"))),
  jlis,
  logger,
  issuer: config.publicUrl,
  tariff: config.tariff,
  ocspCache: createMemoryOcspCache({ maxBytes: config.ocspCacheMaxBytes }),
  ocspGoodCacheSeconds: config.ocspGoodCacheSeconds,
});

if (
  credentials &&
  (await seedDemo(ctx, credentials, {
    consoleUrl: config.consoleUrl,
    facilityUrl: config.facilityUrl,
    healthcareUrl: config.healthcareUrl,
    medicalInsurerUrl: config.medicalInsurerUrl,
  }))
) {
  logger.log("info", "demo tenants seeded", {
    operators: credentials.operators.length,
    providers: credentials.providers.length,
    insurers: credentials.medical?.insurers.length ?? 0,
    institutions: credentials.medical?.institutions.length ?? 0,
  });
}

const app = createApp(ctx, {
  adminToken,
  // Only the TV app calls the PF from a browser: a hospital's reception page goes through the hospital's backend,
  // which relays the terminal's signed calls server to server.
  tvOrigins: [config.tvUrl, config.tvUrl.replace("127.0.0.1", "localhost")],
});

// Outbox worker: one pass at a time; rows are durable, so a restart resumes where it stopped.
// The pass gets the worker's stop signal: on SIGTERM the event being sent is finished and marked, no other taken.
const outbox = startOutboxWorker((signal) => deliverOutboxEvents(ctx, undefined, undefined, signal), {
  name: "webhooks",
  intervalMs: config.outboxPollMs,
  logger,
});

// CRL schedule for operators with the periodic policy; a failure keeps the last good CRL until it is stale.
let crlRefresh: Promise<void> | undefined;
const refreshCrls = () => {
  crlRefresh ??= ctx.crl
    .refreshAll()
    .then(() => {})
    .catch(() =>
      logger.log("warn", "CRL refresh failed; will retry", { inSeconds: config.crlRefreshSeconds }),
    )
    .finally(() => {
      crlRefresh = undefined;
    });
};
const crlTimer = setInterval(refreshCrls, config.crlRefreshSeconds * 1000);
refreshCrls();

// Retention (docs/operations.md): ended sessions, retired refresh tokens, old challenges and reception
// recognitions, audit rows past the operator's period (archived first). One pass at a time; a lease in the database keeps it to one instance.
let pruning: Promise<void> | undefined;
const holder = `pf-${process.pid}-${randomBytes(4).toString("hex")}`;
const pruneTimer = setInterval(() => {
  pruning ??= pruneExpiredData(
    { ...ctx, archive: auditArchiveFiles(join(config.dataDir, "archive", "audit")) },
    { ...config.retention, refreshTokenSeconds: ctx.tokens.refreshTtlSeconds },
    holder,
  )
    .then((report) => logger.log("info", "retention pass", { ...report, archives: report.archives.length }))
    .catch(() => logger.log("warn", "retention pass failed; will retry"))
    .finally(() => {
      pruning = undefined;
    });
}, config.retention.pruneEverySeconds * 1000);
// Terminal-assertion IDs are needed only while their assertion could still be accepted (a few minutes).
const replaySweepTimer = setInterval(() => {
  store.replayGuard
    .sweepExpired(new Date())
    .catch(() => logger.log("warn", "terminal-assertion ID sweep failed"));
}, 60_000);

const keyMaintenance = scheduleKeyMaintenance(signingKeys, {
  everySeconds: config.signingKeys.maintenanceSeconds,
  logger,
});

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  logger.log("info", "listening", { port: info.port });
});
installGracefulShutdown({
  servers: [server],
  drainMs: config.drainMs,
  log: (level, msg, fields) => logger.log(level, msg, fields),
  // An event being sent when SIGTERM arrives is finished (and marked) before the database closes; one cut
  // short by the drain bound stays pending and goes out after the restart.
  stopWorkers: async () => {
    clearInterval(crlTimer);
    clearInterval(pruneTimer);
    clearInterval(replaySweepTimer);
    await Promise.all([outbox.stop(), crlRefresh, keyMaintenance.stop(), pruning]);
  },
  close: () => {
    signingKeys.close();
    store.close();
  },
});
