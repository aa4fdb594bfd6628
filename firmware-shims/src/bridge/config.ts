/**
 * @module The bridge's settings from its environment (e2e/README.md: every service gets `CATV_DATA_DIR`,
 * `CATV_DEMO_CREDENTIALS`, `<NAME>_PORT` and `<NAME>_URL`).
 */
import { join, resolve } from "node:path";
import type { CardTiming } from "../card/timing/card-timing.ts";
import { NO_DELAY, REAL_CARD_TIMING } from "../card/timing/card-timing.ts";

export interface BridgeConfig {
  host: "127.0.0.1";
  /** 0 = ephemeral (tests). */
  port: number;
  dataDir: string;
  credentialsPath: string;
  terminalId: string;
  /** Origins allowed to open the WebSocket besides the bridge's own (the TV app's). */
  allowedOrigins: string[];
  backend: "virtual" | "usb";
  cardTiming: CardTiming;
}

export const DEFAULT_TERMINAL_ID = "stb-nanto-0001";

export function loadBridgeConfig(env: NodeJS.ProcessEnv): BridgeConfig {
  const dataDir = resolve(env.CATV_DATA_DIR ?? ".data");
  const port = Number(env.BRIDGE_PORT ?? 7020);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`BRIDGE_PORT is not a port: ${env.BRIDGE_PORT}`);
  const allowedOrigins: string[] = [];
  if (env.TV_URL) allowedOrigins.push(new URL(env.TV_URL).origin);
  const backend = env.BRIDGE_BACKEND ?? "virtual";
  if (backend !== "virtual" && backend !== "usb")
    throw new Error(`BRIDGE_BACKEND must be virtual or usb, got ${backend}`);
  return {
    host: "127.0.0.1",
    port,
    dataDir,
    credentialsPath: resolve(env.CATV_DEMO_CREDENTIALS ?? join(dataDir, "demo-credentials.json")),
    terminalId: env.STB_TERMINAL_ID ?? DEFAULT_TERMINAL_ID,
    allowedOrigins,
    backend,
    // The demo waits as a real card would; BRIDGE_CARD_TIMING=off makes it instant.
    cardTiming: env.BRIDGE_CARD_TIMING === "off" ? NO_DELAY : REAL_CARD_TIMING,
  };
}
