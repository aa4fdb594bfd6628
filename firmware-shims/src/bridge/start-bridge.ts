/**
 * @module Starts the firmware bridge: readers (virtual by default, real through `usb` on request), the HTTP
 * routes, the WebSocket gateway, the terminal identity, and the boot file. Used by `main.ts` and by tests.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Logger } from "@catv/service-kit";
import { PhoneCardService } from "../phone/phone-card-service.ts";
import { createPhoneRoutes } from "../phone/phone-routes.ts";
import { VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
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

export async function startBridge(config: BridgeConfig, logger: Logger): Promise<RunningBridge> {
  const identity = await loadTerminalIdentity(config.credentialsPath, config.terminalId);
  const library = new DirectoryCardLibrary(join(config.dataDir, "cards"), config.cardTiming, logger);
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
  const phone = createPhoneRoutes({
    service: new PhoneCardService(library, logger),
    pfUrl: config.pfUrl,
    ownOrigins: () => ownOrigins,
  });
  const http = createHttpHandler({
    pool,
    terminalId: identity.terminalId,
    ownOrigins: () => ownOrigins,
    logger,
    phone,
  });
  const server = createServer((req, res) => void http(req, res));
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
  const bootPath = await writeBootFile(config.dataDir, boot);
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
