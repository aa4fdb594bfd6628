/**
 * @module Connects the STB web app to the firmware bridge: a standard `navigator.usb` (`USB`) to hand to the
 * CCID driver, the terminal's `X-Terminal-Assertion` signer, and the bridge's status. The page gets `wsUrl` and
 * `token` from the boot file the TV app's server injects (`$CATV_DATA_DIR/bridge-boot.json`).
 *
 * @example
 * const bridge = await connectFirmwareBridge(window.__STB_BOOT__);
 * const [device] = await bridge.usb.getDevices();
 * const reader = await CcidReader.open(device);
 * const assertion = await bridge.createTerminalAssertion("POST", "/v1/challenges");
 */
import { ReaderError } from "../ccid/errors.ts";
import { BridgeRpc, type CreateWebSocket } from "./bridge-rpc.ts";
import { type BridgeStatus, bridgeStatusSchema } from "./protocol.ts";
import { RemoteUsb } from "./remote-usb.ts";

export interface FirmwareBridgeBoot {
  wsUrl: string;
  token: string;
}

export interface FirmwareBridgeStatus {
  /** The WebSocket to the bridge is up. */
  connected: boolean;
  /** The bridge's latest report (terminal ID, readers, slots); undefined before the first one. */
  bridge: BridgeStatus | undefined;
}

export interface FirmwareBridge {
  /** Standard WebUSB over the bridge; pass its devices to `CcidReader.open`. */
  usb: USB;
  /** A compact ES256 JWS for the `X-Terminal-Assertion` header of one PF request (method, path and query). */
  createTerminalAssertion(htm: string, htu: string): Promise<string>;
  /** Called on every change, and at once with the current status; returns an unsubscribe function. */
  onStatus(listener: (status: FirmwareBridgeStatus) => void): () => void;
  close(): void;
}

export interface ConnectOptions {
  /** Defaults to the browser's `WebSocket`; Node tests pass the `ws` package's. */
  createWebSocket?: CreateWebSocket;
}

export async function connectFirmwareBridge(
  boot: FirmwareBridgeBoot,
  options: ConnectOptions = {},
): Promise<FirmwareBridge> {
  const createWebSocket =
    options.createWebSocket ??
    ((url: string) => new WebSocket(url) as unknown as ReturnType<CreateWebSocket>);
  const rpc = new BridgeRpc(boot.wsUrl, boot.token, createWebSocket);
  const usb = new RemoteUsb(rpc);
  const listeners = new Set<(status: FirmwareBridgeStatus) => void>();
  let status: FirmwareBridgeStatus = { connected: false, bridge: undefined };
  const publish = (next: FirmwareBridgeStatus) => {
    status = next;
    for (const listener of listeners) listener(status);
  };
  rpc.onEvent = (event) => {
    if (event.event === "connect") usb.deviceConnected(event.device);
    else if (event.event === "disconnect") usb.deviceDisconnected(event.deviceId);
    else publish({ ...status, bridge: event.status });
  };
  let connectedBefore = false;
  rpc.onConnection = (connected) => {
    if (!connected) usb.allDisconnected();
    publish({ ...status, connected });
    // After a reconnection, announce the readers again, as WebUSB does for devices that appear.
    if (connected && connectedBefore) void usb.announceAll().catch(() => undefined);
    if (connected) connectedBefore = true;
  };
  const hello = (await rpc.connect()) as { status?: unknown } | undefined;
  const initial = bridgeStatusSchema.safeParse(hello?.status);
  if (initial.success) publish({ ...status, bridge: initial.data });
  return {
    usb: usb.asUsb(),
    async createTerminalAssertion(htm, htu) {
      const result = (await rpc.call({ op: "createTerminalAssertion", htm: htm.toUpperCase(), htu })) as {
        jws?: unknown;
      };
      if (typeof result.jws !== "string")
        throw new ReaderError("bridge_refused", "the bridge gave no assertion");
      return result.jws;
    },
    onStatus(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    close() {
      rpc.close();
    },
  };
}
