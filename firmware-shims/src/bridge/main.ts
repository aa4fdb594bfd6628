/**
 * @module Entry of the STB firmware bridge daemon (`bin/bridge.mjs`, port BRIDGE_PORT, 127.0.0.1 only).
 */
import { STB_BRIDGE } from "./config.ts";
import { runBridge } from "./run-bridge.ts";

await runBridge(STB_BRIDGE);
