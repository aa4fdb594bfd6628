/**
 * @module The bridge's settings from its environment (e2e/README.md: every service gets `CATV_DATA_DIR`,
 * `CATV_DEMO_CREDENTIALS`, `<NAME>_PORT` and `<NAME>_URL`), checked at start: a bad value stops the process with
 * one line per problem.
 *
 * One program, two kinds of device: the STB's bridge (the TV app's reader) and a hospital reception terminal's
 * bridge (the reception page's reader). A `BridgeProfile` names what differs between them — the service name, its
 * port and terminal variables, the web app allowed to open the WebSocket, the boot file and the demo page's words —
 * so each runs as its own process with its own terminal key, and the STB's settings stay exactly as they were.
 */

import { join, resolve } from "node:path";
import { envChoice, envInteger, envPort, envText, envUrl, readEnvConfig } from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { readMetricsToken } from "@catv/service-kit/metrics";
import { z } from "zod";
import type { CardTiming } from "../card/timing/card-timing.ts";
import { NO_DELAY, REAL_CARD_TIMING } from "../card/timing/card-timing.ts";
import { BOOT_FILE_NAME } from "./write-boot-file.ts";

/** The words of the demo card-control page: where the reader stands. */
export interface DemoPageTexts {
  /** The `<title>` suffix and the page's device name, e.g. "STB firmware bridge". */
  deviceTitle: string;
  /** One sentence under the heading: whose reader the page stands in for. */
  lead: string;
}

export interface BridgeProfile {
  /** The service name in logs and `/health` (`bridge`, `reception-bridge`). */
  service: string;
  portEnv: string;
  defaultPort: number;
  /** The variable naming the terminal whose key the bridge holds, and its default. */
  terminalIdEnv: string;
  defaultTerminalId: string;
  /** The variable holding the URL of the web app allowed to open the WebSocket (`TV_URL`, `HOSPITAL_URL`). */
  appUrlEnv: string;
  /** In `$CATV_DATA_DIR`: where the web app's server finds the WebSocket URL and token. */
  bootFileName: string;
  demo: DemoPageTexts;
}

/** The STB's bridge (the TV app's card reader): the settings it always had. */
export const STB_BRIDGE: BridgeProfile = {
  service: "bridge",
  portEnv: "BRIDGE_PORT",
  defaultPort: 7020,
  terminalIdEnv: "STB_TERMINAL_ID",
  defaultTerminalId: "stb-nanto-0001",
  appUrlEnv: "TV_URL",
  bootFileName: BOOT_FILE_NAME,
  demo: {
    deviceTitle: "STB firmware bridge",
    lead: "STBのICカードリーダーにマイナンバーカード（模擬）を置く・外す操作をここで行います。",
  },
};

/**
 * A hospital reception terminal's bridge (the reception page's card reader, 参考１－３): provisioned like an STB,
 * its terminal key is one of `medical.institutions[].sites[].terminals[]` in the demo credentials.
 */
export const RECEPTION_BRIDGE: BridgeProfile = {
  service: "reception-bridge",
  portEnv: "RECEPTION_BRIDGE_PORT",
  defaultPort: 7081,
  terminalIdEnv: "RECEPTION_TERMINAL_ID",
  defaultTerminalId: "rcp-minato-0001",
  appUrlEnv: "HOSPITAL_URL",
  bootFileName: "reception-bridge-boot.json",
  demo: {
    deviceTitle: "受付端末 firmware bridge",
    lead: "病院の受付端末のICカードリーダーにマイナンバーカード（模擬）を置く・外す操作をここで行います（患者さんの手の代わり）。",
  },
};

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
  /** `bridge` unless a profile says otherwise (logs, `/health`). */
  service?: string;
  /** `bridge-boot.json` unless a profile says otherwise. */
  bootFileName?: string;
  /** The STB's words unless a profile says otherwise. */
  demo?: DemoPageTexts;
  /** The bearer token of `GET /metrics` (CATV_METRICS_TOKEN); without it the endpoint answers 404. */
  metricsToken?: string | undefined;
  /** The PF the phone app stand-in (`/phone`) talks to. */
  pfUrl: string;
}

export const DEFAULT_TERMINAL_ID = STB_BRIDGE.defaultTerminalId;

/** The environment a bridge of `profile` reads (its port, terminal and web-app variables by the profile's names). */
export function bridgeEnvSchemaFor(profile: BridgeProfile) {
  return z.object({
    CATV_DATA_DIR: envText(".data"),
    [profile.portEnv]: envPort(profile.defaultPort),
    CATV_DEMO_CREDENTIALS: envText(undefined),
    [profile.appUrlEnv]: envUrl(undefined),
    PF_URL: envUrl("http://127.0.0.1:7000"),
    BRIDGE_BACKEND: envChoice(["virtual", "usb"], "virtual"),
    [profile.terminalIdEnv]: envText(profile.defaultTerminalId),
    BRIDGE_CARD_TIMING: envChoice(["real", "off"], "real"),
    CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  });
}

export const bridgeEnvSchema = bridgeEnvSchemaFor(STB_BRIDGE);

/** The bridge's configuration, or one line per problem on stderr and exit 78. */
export function loadBridgeConfig(
  env: NodeJS.ProcessEnv,
  profile: BridgeProfile = STB_BRIDGE,
): BridgeConfig & {
  /** How long SIGTERM waits for in-flight HTTP requests (open WebSocket sessions are then closed). */
  drainMs: number;
} {
  const checked = readEnvConfig(profile.service, bridgeEnvSchemaFor(profile), env) as Record<string, unknown>;
  const text = (name: string) => checked[name] as string | undefined;
  const dataDir = resolve(text("CATV_DATA_DIR") ?? ".data");
  const appUrl = text(profile.appUrlEnv);
  const credentials = text("CATV_DEMO_CREDENTIALS");
  return {
    host: "127.0.0.1",
    port: checked[profile.portEnv] as number,
    dataDir,
    credentialsPath: resolve(credentials ?? join(dataDir, "demo-credentials.json")),
    terminalId: text(profile.terminalIdEnv) ?? profile.defaultTerminalId,
    allowedOrigins: appUrl ? [new URL(appUrl).origin] : [],
    backend: checked.BRIDGE_BACKEND as BridgeConfig["backend"],
    pfUrl: checked.PF_URL as string,
    // The demo waits as a real card would; BRIDGE_CARD_TIMING=off makes it instant.
    cardTiming: checked.BRIDGE_CARD_TIMING === "off" ? NO_DELAY : REAL_CARD_TIMING,
    service: profile.service,
    bootFileName: profile.bootFileName,
    demo: profile.demo,
    drainMs: checked.CATV_SHUTDOWN_DRAIN_MS as number,
    metricsToken: readMetricsToken("bridge", env),
  };
}
