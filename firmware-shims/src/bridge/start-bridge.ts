/**
 * @module Starts the firmware bridge: readers (virtual by default, real through `usb` on request), the HTTP
 * routes, the WebSocket gateway, the terminal identity, and the boot file. Used by `run-bridge.ts` (the STB's and
 * the reception terminal's processes) and by tests.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Logger } from "@catv/service-kit";
import {
  answerNodeMetrics,
  isMetricsRequest,
  processMetrics,
  timeNodeRequest,
  UNMATCHED_ROUTE,
} from "@catv/service-kit/metrics";
import { PhoneCardService } from "../phone/phone-card-service.ts";
import { createPhoneRoutes } from "../phone/phone-routes.ts";
import { VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
import { countingCardLibrary } from "./card-command-metrics.ts";
import { DirectoryCardLibrary } from "./card-library.ts";
import type { BridgeConfig } from "./config.ts";
import { bridgeStatus } from "./demo-state.ts";
import { createHttpHandler } from "./http-routes.ts";
import { ReaderPool } from "./reader-pool.ts";
import { loadTerminalIdentity } from "./terminal-identity.ts";
import { attachUsbReaders } from "./usb-backend.ts";
import { WebSocketGateway } from "./websocket-gateway.ts";
import { type BridgeBoot, writeBootFile } from "./write-boot-file.ts";

export interface RunningBridge {
  url: string;
  /** The HTTP listener (routes and WebSocket upgrades), for a graceful shutdown to drain. */
  httpServer: Server;
  boot: BridgeBoot;
  pool: ReaderPool;
  close(): Promise<void>;
}

export const VIRTUAL_READER_ID = "virtual-reader-1";

/** The bridge's routes (`http-routes.ts`), so a metric's route label is one of these and never a random path. */
const BRIDGE_ROUTES = new Set([
  "/health",
  "/favicon.ico",
  "/demo",
  "/demo/state",
  "/demo/events",
  "/demo/cards/insert",
  "/demo/cards/remove",
  "/demo/reader/unplug",
  "/demo/reader/replug",
  "/demo/reader/faults",
]);
const bridgeRoutePattern = (_method: string, path: string) =>
  BRIDGE_ROUTES.has(path)
    ? path
    : path === "/phone" || path.startsWith("/phone/")
      ? "/phone/*"
      : UNMATCHED_ROUTE;

export async function startBridge(config: BridgeConfig, logger: Logger): Promise<RunningBridge> {
  const identity = await loadTerminalIdentity(config.credentialsPath, config.terminalId);
  const metrics = processMetrics("bridge");
  const library = countingCardLibrary(
    new DirectoryCardLibrary(join(config.dataDir, "cards"), config.cardTiming, logger),
    metrics,
  );
  const pool = new ReaderPool(library, logger);
  if (config.backend === "virtual") {
    pool.addVirtual(
      VIRTUAL_READER_ID,
      new VirtualCcidReader({ identity: { productName: "Virtual CCID Reader (デモ)" } }),
    );
  } else {
    await attachUsbReaders(pool, logger);
  }
  const token = randomBytes(32).toString("base64url");
  let ownOrigins: string[] = [];
  const service = config.service ?? "bridge";
  // The phone app stand-in belongs to the home (the STB's bridge), not to a reception terminal.
  const phone =
    service === "bridge"
      ? createPhoneRoutes({
          service: new PhoneCardService(library, logger),
          pfUrl: config.pfUrl,
          ownOrigins: () => ownOrigins,
        })
      : undefined;
  const http = createHttpHandler({
    pool,
    terminalId: identity.terminalId,
    ownOrigins: () => ownOrigins,
    logger,
    service,
    ...(config.demo ? { demo: config.demo } : {}),
    ...(phone ? { phone } : {}),
  });
  const server = createServer((req, res) => {
    if (isMetricsRequest(req)) return void answerNodeMetrics(metrics, config.metricsToken, req, res);
    timeNodeRequest(metrics, req, res, bridgeRoutePattern);
    void http(req, res);
  });
  const gateway = new WebSocketGateway({
    token,
    allowedOrigins: () => [...ownOrigins, ...config.allowedOrigins],
    pool,
    identity,
    status: () => bridgeStatus(pool, identity.terminalId),
    logger,
  });
  server.on("upgrade", (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  ownOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const boot: BridgeBoot = {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    token,
    terminalId: identity.terminalId,
    bootedAt: new Date().toISOString(),
  };
  const bootPath = await writeBootFile(config.dataDir, boot, config.bootFileName);
  logger.info("bridge started", { port, terminalId: identity.terminalId, backend: config.backend, bootPath });
  return {
    url: `http://127.0.0.1:${port}`,
    httpServer: server,
    boot,
    pool,
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
