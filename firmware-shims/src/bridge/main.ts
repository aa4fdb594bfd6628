/**
 * @module Entry of the STB firmware bridge daemon (`bin/bridge.mjs`, port BRIDGE_PORT, 127.0.0.1 only).
 */

import { createJsonLogger } from "@catv/service-kit";
import { installGracefulShutdown } from "@catv/service-kit/graceful-shutdown";
import { loadBridgeConfig } from "./config.ts";
import { startBridge } from "./start-bridge.ts";

const logger = createJsonLogger("bridge");
const config = loadBridgeConfig(process.env);
try {
  const bridge = await startBridge(config, logger);
  installGracefulShutdown({
    servers: [bridge.httpServer],
    drainMs: config.drainMs,
    // The demo page's state stream stays open as long as the page does; EventSource reconnects by itself.
    isStream: (request) => request.url === "/demo/events",
    log: (level, msg, fields) => logger.log(level, msg, fields),
    // HTTP requests (the demo page's card moves) are drained; the TV's WebSocket session lives as long as the
    // TV does, so it is closed here and the TV reconnects to the next bridge (its boot file names the new token).
    close: () => bridge.close(),
  });
} catch (error) {
  logger.error("bridge failed to start", { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
