/**
 * @module The bridge's WebSocket endpoint (`/ws`): refuses an upgrade from any origin but the TV app's and the
 * bridge's own, then requires `hello` with the per-boot token (compared in constant time) within a few seconds.
 * One client at a time — the STB runs one web app; a newer client replaces the older (close 4001).
 */

import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "@catv/service-kit";
import { WebSocket, WebSocketServer } from "ws";
import { ReaderError } from "../ccid/errors.ts";
import type { BridgeStatus } from "../webusb/protocol.ts";
import { type BridgeEvent, type BridgeRequest, requestSchema } from "../webusb/protocol.ts";
import { createTerminalAssertion } from "./create-terminal-assertion.ts";
import { describeDevice } from "./device-info.ts";
import { DeviceSession } from "./device-session.ts";
import type { ReaderPool } from "./reader-pool.ts";
import type { TerminalIdentity } from "./terminal-identity.ts";

const HELLO_TIMEOUT_MS = 5000;
const CLOSE_REPLACED = 4001;
const CLOSE_REFUSED = 4003;

export interface GatewayOptions {
  token: string;
  allowedOrigins: () => string[];
  pool: ReaderPool;
  identity: TerminalIdentity;
  status: () => BridgeStatus;
  logger: Logger;
}

export class WebSocketGateway {
  readonly #server = new WebSocketServer({ noServer: true, maxPayload: 4 << 20 });
  readonly #options: GatewayOptions;
  #active: { socket: WebSocket; session: DeviceSession } | undefined;

  constructor(options: GatewayOptions) {
    this.#options = options;
    options.pool.subscribe({
      connected: (r) => this.#push({ event: "connect", device: describeDevice(r.deviceId, r.device) }),
      disconnected: (r) => this.#push({ event: "disconnect", deviceId: r.deviceId }),
      changed: () => this.#push({ event: "status", status: options.status() }),
    });
  }

  /** Handles an HTTP upgrade; anything that is not an allowed origin asking for `/ws` gets 403 or 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? "/", "http://bridge").pathname;
    if (path !== "/ws") {
      reject(socket, 404, "Not Found");
      return;
    }
    const origin = request.headers.origin;
    if (!origin || !this.#options.allowedOrigins().includes(origin)) {
      this.#options.logger.warn("websocket refused: origin", { origin: origin ?? "(none)" });
      reject(socket, 403, "Forbidden");
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  close(): void {
    this.#active?.socket.close(1001, "bridge stopping");
    this.#server.close();
  }

  #accept(socket: WebSocket): void {
    let session: DeviceSession | undefined;
    const timer = setTimeout(() => socket.close(CLOSE_REFUSED, "no hello"), HELLO_TIMEOUT_MS);
    socket.on("message", async (data) => {
      let request: BridgeRequest;
      try {
        request = requestSchema.parse(JSON.parse(String(data)));
      } catch {
        if (!session) socket.close(CLOSE_REFUSED, "bad hello");
        else
          send(socket, {
            id: idOf(data),
            ok: false,
            error: { name: "DataError", message: "malformed request" },
          });
        return;
      }
      if (!session) {
        if (request.op !== "hello" || !sameToken(request.token, this.#options.token)) {
          this.#options.logger.warn("websocket refused: token");
          socket.close(CLOSE_REFUSED, "bad token");
          return;
        }
        clearTimeout(timer);
        session = new DeviceSession(this.#options.pool);
        this.#replaceActive(socket, session);
        send(socket, { id: request.id, ok: true, result: { status: this.#options.status() } });
        return;
      }
      send(socket, await this.#answer(session, request));
    });
    socket.on("close", () => {
      clearTimeout(timer);
      if (session) void session.end();
      if (this.#active?.socket === socket) this.#active = undefined;
    });
  }

  async #answer(session: DeviceSession, request: BridgeRequest): Promise<unknown> {
    try {
      switch (request.op) {
        case "hello":
          return { id: request.id, ok: true, result: { status: this.#options.status() } };
        case "getDevices":
          return { id: request.id, ok: true, result: session.getDevices() };
        case "createTerminalAssertion": {
          const jws = await createTerminalAssertion(this.#options.identity, request);
          return { id: request.id, ok: true, result: { jws } };
        }
        default:
          return { id: request.id, ok: true, result: await session.run(request) };
      }
    } catch (error) {
      return { id: request.id, ok: false, error: errorBody(error) };
    }
  }

  #replaceActive(socket: WebSocket, session: DeviceSession): void {
    const previous = this.#active;
    this.#active = { socket, session };
    if (previous) {
      this.#options.logger.info("websocket client replaced");
      previous.socket.close(CLOSE_REPLACED, "replaced by a newer client");
      void previous.session.end();
    }
    this.#options.logger.info("websocket client connected");
  }

  #push(event: BridgeEvent): void {
    if (this.#active?.socket.readyState === WebSocket.OPEN) send(this.#active.socket, event);
  }
}

function errorBody(error: unknown): { name: string; message: string } {
  if (error instanceof ReaderError) return { name: `reader:${error.code}`, message: error.message };
  if (error instanceof DOMException) return { name: error.name, message: error.message };
  return { name: "OperationError", message: error instanceof Error ? error.message : String(error) };
}

function send(socket: WebSocket, body: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(body));
}

function idOf(data: unknown): number {
  try {
    const id = (JSON.parse(String(data)) as { id?: unknown }).id;
    return typeof id === "number" ? id : 0;
  } catch {
    return 0;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
