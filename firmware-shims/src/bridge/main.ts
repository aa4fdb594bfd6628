/**
 * @module Entry of the STB firmware bridge daemon (`bin/bridge.mjs`, port BRIDGE_PORT, 127.0.0.1 only).
 */

import { createJsonLogger } from "@catv/service-kit";
import { loadBridgeConfig } from "./config.ts";
import { startBridge } from "./start-bridge.ts";

const logger = createJsonLogger("bridge");
try {
  const bridge = await startBridge(loadBridgeConfig(process.env), logger);
  const stop = async (signal: string) => {
    logger.info("bridge stopping", { signal });
    await bridge.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  logger.error("bridge failed to start", { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
