/**
 * @module Process entry of the J-LIS simulator (公的個人認証サービス(模擬)): reads the environment, prepares the
 * service and listens on 127.0.0.1:$JLIS_PORT until SIGINT/SIGTERM.
 */
import { serve } from "@hono/node-server";
import { loadJlisConfig } from "./config.ts";
import { createJlisService } from "./jlis-service.ts";
import { createLogger } from "./log.ts";

// Everything this process creates (jlis.sqlite and its WAL, which hold the CA keys; card images) is private.
process.umask(0o077);

const log = createLogger();
const config = loadJlisConfig();
const service = await createJlisService({
  dataDir: config.dataDir,
  publicUrl: config.publicUrl,
  credentials: config.credentials,
  log,
  crlIntervalSeconds: config.crlIntervalSeconds,
  deltaCrlIntervalSeconds: config.deltaCrlIntervalSeconds,
  syntheticRevocations: config.syntheticRevocations,
});
service.startCrlSchedule();

const server = serve({ fetch: service.app.fetch, hostname: "127.0.0.1", port: config.port }, (info) => {
  log.info("listening", { port: info.port });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () =>
    server.close(() => {
      service.close();
      process.exit(0);
    }),
  );
}
