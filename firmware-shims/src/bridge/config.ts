/**
 * @module The bridge's settings from its environment (e2e/README.md: every service gets `CATV_DATA_DIR`,
 * `CATV_DEMO_CREDENTIALS`, `<NAME>_PORT` and `<NAME>_URL`), checked at start: a bad value stops the process with
 * one line per problem.
 */
import { join, resolve } from "node:path";
import { envChoice, envInteger, envPort, envText, envUrl, readEnvConfig } from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";
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
  /** The PF the phone app stand-in (`/phone`) talks to. */
  pfUrl: string;
}

export const DEFAULT_TERMINAL_ID = "stb-nanto-0001";

export const bridgeEnvSchema = z.object({
  CATV_DATA_DIR: envText(".data"),
  BRIDGE_PORT: envPort(7020),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  TV_URL: envUrl(undefined),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  BRIDGE_BACKEND: envChoice(["virtual", "usb"], "virtual"),
  STB_TERMINAL_ID: envText(DEFAULT_TERMINAL_ID),
  BRIDGE_CARD_TIMING: envChoice(["real", "off"], "real"),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
});

/** The bridge's configuration, or one line per problem on stderr and exit 78. */
export function loadBridgeConfig(env: NodeJS.ProcessEnv): BridgeConfig & {
  /** How long SIGTERM waits for in-flight HTTP requests (open WebSocket sessions are then closed). */
  drainMs: number;
} {
  const checked = readEnvConfig("bridge", bridgeEnvSchema, env);
  const dataDir = resolve(checked.CATV_DATA_DIR);
  return {
    host: "127.0.0.1",
    port: checked.BRIDGE_PORT,
    dataDir,
    credentialsPath: resolve(checked.CATV_DEMO_CREDENTIALS ?? join(dataDir, "demo-credentials.json")),
    terminalId: checked.STB_TERMINAL_ID,
    allowedOrigins: checked.TV_URL ? [new URL(checked.TV_URL).origin] : [],
    backend: checked.BRIDGE_BACKEND,
    pfUrl: checked.PF_URL,
    // The demo waits as a real card would; BRIDGE_CARD_TIMING=off makes it instant.
    cardTiming: checked.BRIDGE_CARD_TIMING === "off" ? NO_DELAY : REAL_CARD_TIMING,
    drainMs: checked.CATV_SHUTDOWN_DRAIN_MS,
  };
}
