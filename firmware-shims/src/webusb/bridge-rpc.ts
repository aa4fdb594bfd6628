/**
 * @module The browser end of the bridge's WebSocket: request/response matching by id, pushed events, the hello
 * handshake with the per-boot token, and reconnection with back-off (the bridge restarts with the STB).
 */
import { ReaderError } from "../ccid/errors.ts";
import {
  BRIDGE_PROTOCOL,
  type BridgeEvent,
  type BridgeRequest,
  eventSchema,
  responseSchema,
} from "./protocol.ts";

/** The part of the standard `WebSocket` the client uses (the browser's, or the `ws` package's in Node tests). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type CreateWebSocket = (url: string) => WebSocketLike;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<BridgeRequest, "id">;

interface Pending {
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/** Close codes the bridge uses: 4001 replaced by a newer client, 4003 refused (token or origin). */
export const CLOSE_REPLACED = 4001;
export const CLOSE_REFUSED = 4003;

export class BridgeRpc {
  readonly #url: string;
  readonly #token: string;
  readonly #createSocket: CreateWebSocket;
  readonly #pending = new Map<number, Pending>();
  #socket: WebSocketLike | undefined;
  #nextId = 1;
  #closed = false;
  #reconnectDelayMs = 500;
  onEvent: (event: BridgeEvent) => void = () => undefined;
  onConnection: (connected: boolean) => void = () => undefined;

  constructor(url: string, token: string, createSocket: CreateWebSocket) {
    this.#url = url;
    this.#token = token;
    this.#createSocket = createSocket;
  }

  /** Opens the socket and says hello (answered with the bridge status); rejects with `bridge_unavailable` or `bridge_refused`. */
  connect(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = this.#createSocket(this.#url);
      } catch (error) {
        reject(new ReaderError("bridge_unavailable", `cannot open the bridge socket: ${String(error)}`));
        return;
      }
      this.#socket = socket;
      let greeted = false;
      socket.onopen = () => {
        this.#send({ op: "hello", token: this.#token, protocol: BRIDGE_PROTOCOL }).then(
          (result) => {
            greeted = true;
            this.#reconnectDelayMs = 500;
            this.onConnection(true);
            resolve(result);
          },
          (error: unknown) => reject(error),
        );
      };
      socket.onmessage = (event) => this.#receive(event.data);
      socket.onerror = () => undefined;
      socket.onclose = (event) => {
        const gone = new DOMException("The bridge connection was lost.", "NetworkError");
        for (const pending of this.#pending.values()) pending.reject(gone);
        this.#pending.clear();
        if (!greeted) {
          reject(
            event.code === CLOSE_REFUSED
              ? new ReaderError("bridge_refused", `the bridge refused the connection: ${event.reason}`)
              : new ReaderError("bridge_unavailable", "the bridge is not reachable"),
          );
          return;
        }
        this.onConnection(false);
        if (!this.#closed && event.code !== CLOSE_REPLACED && event.code !== CLOSE_REFUSED)
          this.#scheduleReconnect();
      };
    });
  }

  call(body: RequestBody): Promise<unknown> {
    if (this.#socket?.readyState !== 1) {
      return Promise.reject(new DOMException("The bridge is not connected.", "NetworkError"));
    }
    return this.#send(body);
  }

  close(): void {
    this.#closed = true;
    this.#socket?.close(1000, "client closed");
  }

  #send(body: RequestBody): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket!.send(JSON.stringify({ ...body, id }));
    });
  }

  #receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof data === "string" ? data : String(data));
    } catch {
      return;
    }
    if (typeof json === "object" && json !== null && "event" in json) {
      const event = eventSchema.safeParse(json);
      if (event.success) this.onEvent(event.data);
      return;
    }
    const response = responseSchema.safeParse(json);
    if (!response.success) return;
    const pending = this.#pending.get(response.data.id);
    if (!pending) return;
    this.#pending.delete(response.data.id);
    if (response.data.ok) pending.resolve(response.data.result);
    else pending.reject(remoteError(response.data.error));
  }

  #scheduleReconnect(): void {
    const delay = this.#reconnectDelayMs;
    this.#reconnectDelayMs = Math.min(delay * 2, 5000);
    setTimeout(() => {
      if (this.#closed) return;
      this.connect().catch(() => this.#scheduleReconnect());
    }, delay);
  }
}

/** Bridge errors come back as what WebUSB would throw (DOMException) or as a coded reader error. */
function remoteError(error: { name: string; message: string }): Error {
  if (error.name.startsWith("reader:"))
    return new ReaderError(error.name.slice(7) as "bridge_refused", error.message);
  return new DOMException(error.message, error.name);
}
