/**
 * @module Entry of the `tv` service of `npm start` (see e2e/README.md): checks the environment, listens, and on
 * SIGTERM drains in-flight requests before it exits (`@catv/service-kit`).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  envInteger,
  envPort,
  envText,
  envUrl,
  failConfiguration,
  readEnvConfig,
} from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS, installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { processMetrics, readMetricsToken } from "@catv/service-kit/metrics";
import { z } from "zod";
import { createTvServer } from "./tv-server.ts";

const config = readEnvConfig(
  "tv",
  z.object({
    TV_PORT: envPort(7060),
    CATV_DATA_DIR: envText(".data"),
    PF_URL: envUrl("http://127.0.0.1:7000"),
    CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  }),
);
const distDir = resolve(import.meta.dirname, "..", "..", "dist");
const dataDir = resolve(config.CATV_DATA_DIR);
const log = (level: string, msg: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), level, service: "tv", msg, ...fields }));

if (!existsSync(join(distDir, "index.html"))) {
  failConfiguration("tv", [`no production build in ${distDir}: run "npm run build" in stb-app first`]);
}

const server = createTvServer({
  distDir,
  bridgeBootPath: join(dataDir, "bridge-boot.json"),
  pfUrl: config.PF_URL,
  metrics: { metrics: processMetrics("tv"), token: readMetricsToken("tv") },
});
installGracefulShutdown({ servers: [server], drainMs: config.CATV_SHUTDOWN_DRAIN_MS, log });
server.listen(config.TV_PORT, "127.0.0.1", () => {
  log("info", "listening", { port: config.TV_PORT, pfUrl: config.PF_URL });
});
