/**
 * @module Process entry of the J-LIS simulator (公的個人認証サービス(模擬)): reads the environment, prepares the
 * service and listens on 127.0.0.1:$JLIS_PORT until SIGINT/SIGTERM, then drains and exits.
 */

import { createJsonLogger } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { processMetrics, readMetricsToken, registerSqliteTableMetrics } from "@catv/service-kit/metrics";
import { serve } from "@hono/node-server";
import { loadJlisConfig } from "./config.ts";
import { createJlisService } from "./jlis-service.ts";

// Everything this process creates (jlis.sqlite and its WAL, which hold the CA keys; card images) is private.
process.umask(0o077);

const log = createJsonLogger("jlis");
const config = loadJlisConfig();
const service = await createJlisService({
  dataDir: config.dataDir,
  database: config.database,
  publicUrl: config.publicUrl,
  credentials: config.credentials,
  log,
  crlIntervalSeconds: config.crlIntervalSeconds,
  deltaCrlIntervalSeconds: config.deltaCrlIntervalSeconds,
  syntheticRevocations: config.syntheticRevocations,
  metricsToken: readMetricsToken("jlis"),
});
if (config.database.kind === "sqlite")
  registerSqliteTableMetrics(processMetrics("jlis"), config.database.file, { database: "jlis" });
service.startCrlSchedule();

const server = serve({ fetch: service.app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  log.info("listening", { port: info.port });
});
installGracefulShutdown({
  servers: [server],
  drainMs: config.drainMs,
  log: (level, msg, fields) => log.log(level, msg, fields),
  // close() stops the CRL schedule and closes the database; a scheduled re-issue cut short is harmless, as every
  // start publishes fresh CRLs (a revocation's own re-issue runs inside its request, which is drained).
  close: () => service.close(),
});
