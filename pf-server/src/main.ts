/**
 * @module Process entry of the CATV common platform (共通的PF): reads the environment, opens the database,
 * seeds the demo tenants on first run, starts the outbox worker and the CRL schedule, and listens.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createJsonLogger, startOutboxWorker } from "@catv/service-kit";
import { failConfiguration } from "@catv/service-kit/env-config";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { serve } from "@hono/node-server";
import { buildContext } from "./build-context.ts";
import { readConfig } from "./config.ts";
import { deliverOutboxEvents } from "./domain/deliver-outbox-events.ts";
import { readDemoCredentials, seedDemo } from "./domain/seed-demo.ts";
import { createApp } from "./http/app.ts";
import { createJlisClient } from "./jlis-client/jlis-client.ts";
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
const ctx = await buildContext({
  store,
  jlis,
  logger,
  issuer: config.publicUrl,
  tariff: config.tariff,
  ocspGoodCacheSeconds: config.ocspGoodCacheSeconds,
});

if (
  credentials &&
  (await seedDemo(ctx, credentials, {
    consoleUrl: config.consoleUrl,
    facilityUrl: config.facilityUrl,
    healthcareUrl: config.healthcareUrl,
  }))
) {
  logger.log("info", "demo tenants seeded", {
    operators: credentials.operators.length,
    providers: credentials.providers.length,
  });
}

const app = createApp(ctx, {
  adminToken,
  tvOrigins: [config.tvUrl, config.tvUrl.replace("127.0.0.1", "localhost")],
  phoneAppUrl: config.phoneAppUrl,
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

// Answered or expired challenges are kept a day (audit by request ID), then removed.
const cleanupTimer = setInterval(() => {
  const before = new Date(Date.now() - 86400_000).toISOString();
  store.challenges
    .deleteExpiredChallenges(before)
    .catch(() => logger.log("warn", "challenge cleanup failed"));
  // A refresh token retired longer ago than a refresh token lives would be refused as expired anyway.
  const retiredBefore = new Date(Date.now() - ctx.tokens.refreshTtlSeconds * 1000).toISOString();
  store.sessions
    .deleteRetiredRefreshTokens(retiredBefore)
    .catch(() => logger.log("warn", "retired refresh-token cleanup failed"));
}, 3600_000);
// Terminal-assertion IDs are needed only while their assertion could still be accepted (a few minutes).
const replaySweepTimer = setInterval(() => {
  store.replayGuard
    .sweepExpired(new Date())
    .catch(() => logger.log("warn", "terminal-assertion ID sweep failed"));
}, 60_000);

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
    clearInterval(cleanupTimer);
    clearInterval(replaySweepTimer);
    await Promise.all([outbox.stop(), crlRefresh]);
  },
  close: () => store.close(),
});
