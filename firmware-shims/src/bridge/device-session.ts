/**
 * @module One authenticated WebSocket client's use of the readers: each request runs the WebUSB call it names on
 * the pooled `USBDevice` and answers its result; failures go back as the DOMException name WebUSB would raise.
 * When the client goes, the devices it opened are closed (which aborts its pending transfers).
 */
import { bytesOf } from "../ccid/usb-bytes.ts";
import { type BridgeRequest, fromBase64, toBase64 } from "../webusb/protocol.ts";
import { describeDevice, deviceState } from "./device-info.ts";
import type { ReaderPool } from "./reader-pool.ts";

type DeviceRequest = Extract<BridgeRequest, { deviceId: string }>;

export class DeviceSession {
  readonly #pool: ReaderPool;
  readonly #opened = new Set<string>();

  constructor(pool: ReaderPool) {
    this.#pool = pool;
  }

  getDevices() {
    return { devices: this.#pool.connected().map((r) => describeDevice(r.deviceId, r.device)) };
  }

  async run(request: DeviceRequest): Promise<unknown> {
    const reader = this.#pool.get(request.deviceId);
    if (!reader || (reader.virtual && !reader.virtual.plugged)) {
      throw new DOMException("The device was disconnected.", "NotFoundError");
    }
    const device = reader.device;
    switch (request.op) {
      case "open":
        await device.open();
        this.#opened.add(request.deviceId);
        return deviceState(device);
      case "close":
        await device.close();
        this.#opened.delete(request.deviceId);
        return deviceState(device);
      case "reset":
        await device.reset();
        return deviceState(device);
      case "selectConfiguration":
        await device.selectConfiguration(request.configurationValue);
        return deviceState(device);
      case "claimInterface":
        await device.claimInterface(request.interfaceNumber);
        return deviceState(device);
      case "releaseInterface":
        await device.releaseInterface(request.interfaceNumber);
        return deviceState(device);
      case "selectAlternateInterface":
        await device.selectAlternateInterface(request.interfaceNumber, request.alternateSetting);
        return deviceState(device);
      case "clearHalt":
        await device.clearHalt(request.direction, request.endpointNumber);
        return {};
      case "controlTransferIn":
        return inResult(await device.controlTransferIn(request.setup, request.length));
      case "controlTransferOut": {
        const data = request.data === undefined ? undefined : fromBase64(request.data);
        const result = await device.controlTransferOut(request.setup, data);
        return { status: result.status, bytesWritten: result.bytesWritten };
      }
      case "transferIn":
        return inResult(await device.transferIn(request.endpointNumber, request.length));
      case "transferOut": {
        const result = await device.transferOut(request.endpointNumber, fromBase64(request.data));
        return { status: result.status, bytesWritten: result.bytesWritten };
      }
    }
  }

  /** The client went away: close what it opened so the next client starts clean. */
  async end(): Promise<void> {
    for (const deviceId of this.#opened) {
      const reader = this.#pool.get(deviceId);
      await reader?.device.close().catch(() => undefined);
    }
    this.#opened.clear();
  }
}

function inResult(result: USBInTransferResult) {
  return { status: result.status, ...(result.data ? { data: toBase64(bytesOf(result.data)) } : {}) };
}
