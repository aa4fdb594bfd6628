/**
 * @module Process entry of the CATV common platform (共通的PF): reads the environment, opens the database
 * (`DATABASE_URL`: SQLite by default, or PostgreSQL shared by several PF instances), seeds the demo tenants on
 * first run, starts the outbox worker and the scheduled jobs, and listens. On PostgreSQL the jobs that work on
 * shared rows (retention, the sweeps) run on one instance at a time under an advisory lock; the outbox is claimed
 * event by event; the CRL refresh runs on every instance, since each checks against its own copy in memory.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { mapConnectionLoss, redactDatabaseUrl, translateConnectionLoss } from "@catv/postgres";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { failConfiguration } from "@catv/service-kit/env-config";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { readMetricsToken, registerSqliteTableMetrics } from "@catv/service-kit/metrics";
import { serve } from "@hono/node-server";
import { LoginThrottle } from "./admin-console/domain/login-throttle.ts";
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from "./admin-console/domain/resume-admin-session.ts";
import { seedAdminStaff } from "./admin-console/domain/seed-admin-staff.ts";
import { createAdminConsole } from "./admin-console/http/admin-console-routes.tsx";
import { readAdminLogins } from "./admin-console/read-admin-logins.ts";
import { ADMIN_BASE } from "./admin-console/views/paths.ts";
import { buildContext } from "./build-context.ts";
import { readConfig } from "./config.ts";
import { createOutboxLanes, defaultDeliveryPolicy } from "./domain/deliver-outbox-events.ts";
import { pruneExpiredData } from "./domain/prune-expired-data.ts";
import { readDemoCredentials, seedDemo } from "./domain/seed-demo.ts";
import { sweepExpiredState } from "./domain/sweep-expired-state.ts";
import { createApp } from "./http/app.ts";
import { createJlisClient } from "./jlis-client/jlis-client.ts";
import { scheduleKeyMaintenance } from "./keys/key-maintenance-schedule.ts";
import { keysDirOf, openSigningKeys } from "./keys/open-signing-keys.ts";
import { createSecretBox, loadOrCreateSecretsKey } from "./keys/secret-box.ts";
import { createPfMetrics } from "./observability/pf-metrics.ts";
import { failureFields } from "./platform/failure-fields.ts";
import { auditArchiveFiles } from "./storage/audit-archive-files.ts";
import { openPfStorage } from "./storage/open-pf-storage.ts";

const config = readConfig(readDemoCredentials);
const logger = createJsonLogger("pf-server");
const { credentials } = config;
const adminToken = config.adminToken ?? credentials?.pfAdminToken;
const verifier = credentials?.jlisVerifier ?? config.jlisVerifier;
if (!adminToken || !verifier) {
  failConfiguration("pf", ["PF_ADMIN_TOKEN, JLIS_VERIFIER_ID and JLIS_VERIFIER_SECRET must be set"]);
}

mkdirSync(config.dataDir, { recursive: true });
const storage = await openPfStorage(config.database, logger);
const { store, jobs, adminAccounts } = storage;
logger.log("info", "database", {
  kind: config.database.kind,
  where: config.database.kind === "postgres" ? redactDatabaseUrl(config.database.url) : config.database.file,
});
const metricsToken = readMetricsToken("pf");
const metrics = createPfMetrics();
if (storage.sqliteFile) registerSqliteTableMetrics(metrics.service, storage.sqliteFile, { database: "pf" });

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
  ocspCacheMaxBytes: config.ocspCacheMaxBytes,
  ocspGoodCacheSeconds: config.ocspGoodCacheSeconds,
  metrics,
  translateError: translateConnectionLoss,
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

if (config.demoCredentialsPath) {
  const added = await seedAdminStaff(
    { pf: ctx, accounts: adminAccounts, throttle: new LoginThrottle(ctx.rateLimits) },
    readAdminLogins(config.demoCredentialsPath),
  );
  if (added > 0) logger.log("info", "administrator console logins created", { count: added });
}

const app = createApp(ctx, {
  adminToken,
  // Only the TV app calls the PF from a browser: a hospital's reception page goes through the hospital's backend,
  // which relays the terminal's signed calls server to server.
  tvOrigins: [config.tvUrl, config.tvUrl.replace("127.0.0.1", "localhost")],
  metricsToken,
  phoneAppUrl: config.phoneAppUrl,
});

app.route(ADMIN_BASE, createAdminConsole({ ctx, accounts: adminAccounts }));

// Outbox worker: each pass starts the idle destinations' lanes (one lane per operator or provider, so a hanging
// receiver holds up only its own events); rows are durable, so a restart resumes where it stopped.
// The lanes get the worker's stop signal: on SIGTERM each finishes and marks the event it is sending, takes no other.
// A pass or a lane cut off by a lost database is logged as ServiceUnavailableError, not as a bare driver Error;
// so is every scheduled job's failure below (platform/failure-fields.ts: name and code, never the message).
const lanes = createOutboxLanes(
  ctx,
  config.outboxLeaseMs ? { ...defaultDeliveryPolicy, leaseMs: config.outboxLeaseMs } : defaultDeliveryPolicy,
  undefined,
  { translateError: translateConnectionLoss },
);
const outbox = startOutboxWorker((signal) => mapConnectionLoss(() => lanes.dispatch(signal)), {
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
    .catch((error: unknown) =>
      logger.log("warn", "CRL refresh failed; will retry", {
        inSeconds: config.crlRefreshSeconds,
        ...failureFields(error, translateConnectionLoss),
      }),
    )
    .finally(() => {
      crlRefresh = undefined;
    });
};
const crlTimer = setInterval(refreshCrls, config.crlRefreshSeconds * 1000);
refreshCrls();

// Retention (docs/operations.md): ended sessions, retired refresh tokens, old challenges and reception
// recognitions, audit rows past the operator's period (archived first). One pass at a time on one instance: the
// job's advisory lock on PostgreSQL (a process-local flag on SQLite), and the lease in the database besides.
let pruning: Promise<unknown> | undefined;
const holder = `pf-${process.pid}-${randomBytes(4).toString("hex")}`;
const pruneTimer = setInterval(() => {
  pruning ??= jobs
    .run("pf:retention", () =>
      pruneExpiredData(
        { ...ctx, archive: auditArchiveFiles(join(config.dataDir, "archive", "audit")) },
        { ...config.retention, refreshTokenSeconds: ctx.tokens.refreshTtlSeconds },
        holder,
      ),
    )
    .then((run) => {
      if (run.ran)
        logger.log("info", "retention pass", { ...run.value, archives: run.value.archives.length });
    })
    .catch((error: unknown) =>
      logger.log("warn", "retention pass failed; will retry", failureFields(error, translateConnectionLoss)),
    )
    .finally(() => {
      pruning = undefined;
    });
}, config.retention.pruneEverySeconds * 1000);
// Administrator sessions past their idle or absolute limit are removed (by one instance).
const adminSessionTimer = setInterval(() => {
  jobs
    .run("pf:admin-session-cleanup", () =>
      adminAccounts.deleteExpiredSessions(
        new Date(Date.now() - SESSION_IDLE_MINUTES * 60_000).toISOString(),
        new Date(Date.now() - SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString(),
      ),
    )
    .catch((error: unknown) =>
      logger.log(
        "warn",
        "administrator session cleanup failed",
        failureFields(error, translateConnectionLoss),
      ),
    );
}, 3600_000);
// Terminal-assertion IDs are needed only while their assertion could still be accepted (a few minutes), rate-limit
// rows until their bucket is full again or their window ends, OCSP answers until their nextUpdate (and the table
// stays under its row cap). One instance sweeps at a time.
const replaySweepTimer = setInterval(() => {
  jobs
    .run("pf:expiry-sweep", () =>
      sweepExpiredState(store, new Date(), { ocspAnswerRows: config.ocspSharedCacheMaxRows }),
    )
    .then((run) => {
      if (run.ran && run.value.ocspAnswersEvicted > 0)
        logger.log("info", "OCSP answer cache over its row cap", { evicted: run.value.ocspAnswersEvicted });
    })
    .catch((error: unknown) =>
      logger.log("warn", "expiry sweep failed", failureFields(error, translateConnectionLoss)),
    );
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
    clearInterval(adminSessionTimer);
    await Promise.all([outbox.stop().then(() => lanes.drain()), crlRefresh, keyMaintenance.stop(), pruning]);
  },
  close: async () => {
    // Reached after the drain bound too: an event whose send it cut short is given back, not left leased.
    await lanes
      .abandon()
      .catch((error: unknown) =>
        logger.log(
          "warn",
          "outbox claims not released at shutdown; they return when their lease ends",
          failureFields(error, translateConnectionLoss),
        ),
      );
    signingKeys.close();
    await storage.close();
  },
});
