/**
 * @module Process entry of the CATV common platform (共通的PF): reads the environment, opens the database,
 * seeds the demo tenants on first run, starts the outbox worker and the CRL schedule, and listens.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { buildContext } from "./build-context.ts";
import { readConfig } from "./config.ts";
import { deliverOutboxEvents } from "./domain/deliver-outbox-events.ts";
import { recordCrlRevocation } from "./domain/record-crl-revocation.ts";
import { readDemoCredentials, seedDemo } from "./domain/seed-demo.ts";
import { createApp } from "./http/app.ts";
import { createJlisClient } from "./jlis-client/jlis-client.ts";
import { createJsonLogger } from "./platform/logger.ts";
import { createMemoryOcspCache } from "./revocation/ocsp-cache.ts";
import { createSqliteStore } from "./storage/sqlite/sqlite-store.ts";

const config = readConfig();
const logger = createJsonLogger("pf-server");
mkdirSync(config.dataDir, { recursive: true });
const store = createSqliteStore(join(config.dataDir, "pf.sqlite"));

const credentials = config.demoCredentialsPath ? readDemoCredentials(config.demoCredentialsPath) : undefined;
const adminToken = process.env.PF_ADMIN_TOKEN ?? credentials?.pfAdminToken;
const verifier = credentials?.jlisVerifier ?? {
  id: process.env.JLIS_VERIFIER_ID ?? "",
  secret: process.env.JLIS_VERIFIER_SECRET ?? "",
};
if (!adminToken || !verifier.id) {
  logger.log(
    "error",
    "missing credentials: set CATV_DEMO_CREDENTIALS, or PF_ADMIN_TOKEN and JLIS_VERIFIER_ID/SECRET",
  );
  process.exit(1);
}

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
  ocspCache: createMemoryOcspCache({ maxBytes: config.ocspCacheMaxBytes }),
  // Registered certificates a new CRL revokes: recorded once, sessions ended, operator told (the default).
  onRegisteredCertificateRevoked: recordCrlRevocation,
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
});

// Outbox worker: one pass at a time; rows are durable, so a restart resumes where it stopped.
let delivering = false;
const outboxTimer = setInterval(async () => {
  if (delivering) return;
  delivering = true;
  try {
    await deliverOutboxEvents(ctx);
  } catch (e) {
    logger.log("error", "outbox pass failed", { error: e instanceof Error ? e.message : String(e) });
  } finally {
    delivering = false;
  }
}, config.outboxPollMs);

// CRL schedule for operators with the periodic policy; a failure keeps the last good CRL until it is stale.
const refreshCrls = () =>
  ctx.crl
    .refreshAll()
    .catch(() =>
      logger.log("warn", "CRL refresh failed; will retry", { inSeconds: config.crlRefreshSeconds }),
    );
const crlTimer = setInterval(refreshCrls, config.crlRefreshSeconds * 1000);
void refreshCrls();

// Answered or expired challenges are kept a day (audit by request ID), then removed.
const cleanupTimer = setInterval(() => {
  const before = new Date(Date.now() - 86400_000).toISOString();
  store.challenges
    .deleteExpiredChallenges(before)
    .catch(() => logger.log("warn", "challenge cleanup failed"));
}, 3600_000);

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  logger.log("info", "listening", { port: info.port });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(outboxTimer);
    clearInterval(crlTimer);
    clearInterval(cleanupTimer);
    server.close(() => {
      store.close();
      process.exit(0);
    });
  });
}
