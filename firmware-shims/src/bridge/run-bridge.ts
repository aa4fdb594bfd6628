/**
 * @module A bridge process of one profile (`bin/bridge.mjs`: the STB's; `bin/reception-bridge.mjs`: a hospital
 * reception terminal's), on 127.0.0.1 only: checks its environment, starts, and drains on SIGTERM.
 */

import { createJsonLogger } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { type BridgeProfile, loadBridgeConfig } from "./config.ts";
import { startBridge } from "./start-bridge.ts";

export async function runBridge(profile: BridgeProfile): Promise<void> {
  const logger = createJsonLogger(profile.service);
  const config = loadBridgeConfig(process.env, profile);
  try {
    const bridge = await startBridge(config, logger);
    installGracefulShutdown({
      servers: [bridge.httpServer],
      drainMs: config.drainMs,
      // The demo page's state stream stays open as long as the page does; EventSource reconnects by itself.
      isStream: (request) => request.url === "/demo/events",
      log: (level, msg, fields) => logger.log(level, msg, fields),
      // HTTP requests (the demo page's card moves) are drained; the web app's WebSocket session lives as long as
      // the app does, so it is closed here and the app reconnects to the next bridge (its boot file names the new
      // token).
      close: () => bridge.close(),
    });
  } catch (error) {
    logger.error("bridge failed to start", { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
