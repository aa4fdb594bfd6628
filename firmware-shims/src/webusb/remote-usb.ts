/**
 * @module `navigator.usb` for the STB web app: the standard `USB` interface (getDevices, requestDevice, connect
 * and disconnect events) over the firmware bridge. The STB has no device chooser, so `requestDevice` picks the
 * first reader that matches the filters, as a kiosk's firmware policy would.
 */
import type { BridgeRpc } from "./bridge-rpc.ts";
import { type DeviceInfo, deviceInfoSchema } from "./protocol.ts";
import { RemoteUsbDevice } from "./remote-usb-device.ts";

/**
 * Structurally the `USB` interface (the DOM typings' overloaded addEventListener cannot be `implements`-ed by an
 * EventTarget subclass); `asUsb` hands it out typed as `USB`.
 */
export class RemoteUsb extends EventTarget {
  onconnect: ((this: USB, ev: USBConnectionEvent) => unknown) | null = null;
  ondisconnect: ((this: USB, ev: USBConnectionEvent) => unknown) | null = null;
  readonly #rpc: BridgeRpc;
  readonly #devices = new Map<string, RemoteUsbDevice>();

  constructor(rpc: BridgeRpc) {
    super();
    this.#rpc = rpc;
  }

  async getDevices(): Promise<USBDevice[]> {
    const result = (await this.#rpc.call({ op: "getDevices" })) as { devices: unknown[] };
    const seen = new Set<string>();
    for (const raw of result.devices) {
      const info = deviceInfoSchema.parse(raw);
      seen.add(info.deviceId);
      if (!this.#devices.has(info.deviceId))
        this.#devices.set(info.deviceId, new RemoteUsbDevice(info, this.#rpc));
    }
    for (const [id, device] of this.#devices) {
      if (!seen.has(id)) {
        device.markGone();
        this.#devices.delete(id);
      }
    }
    return [...this.#devices.values()];
  }

  async requestDevice(options?: USBDeviceRequestOptions): Promise<USBDevice> {
    const devices = await this.getDevices();
    const filters = options?.filters ?? [];
    const match = devices.find((d) => filters.length === 0 || filters.some((f) => matchesFilter(d, f)));
    if (!match) throw new DOMException("No device selected.", "NotFoundError");
    return match;
  }

  /** The bridge reported a reader plugged in. */
  deviceConnected(info: DeviceInfo): void {
    const existing = this.#devices.get(info.deviceId);
    existing?.markGone();
    const device = new RemoteUsbDevice(info, this.#rpc);
    this.#devices.set(info.deviceId, device);
    this.#dispatch("connect", device);
  }

  /** The bridge reported a reader gone (or the bridge itself went away). */
  deviceDisconnected(deviceId: string): void {
    const device = this.#devices.get(deviceId);
    if (!device) return;
    device.markGone();
    this.#devices.delete(deviceId);
    this.#dispatch("disconnect", device);
  }

  /** Lists the bridge's readers and raises `connect` for each (after the bridge connection came back). */
  async announceAll(): Promise<void> {
    for (const device of await this.getDevices()) this.#dispatch("connect", device);
  }

  allDisconnected(): void {
    for (const id of [...this.#devices.keys()]) this.deviceDisconnected(id);
  }

  asUsb(): USB {
    return this as unknown as USB;
  }

  #dispatch(type: "connect" | "disconnect", device: USBDevice): void {
    const event = Object.assign(new Event(type), { device }) as unknown as USBConnectionEvent;
    const handler = type === "connect" ? this.onconnect : this.ondisconnect;
    handler?.call(this.asUsb(), event);
    this.dispatchEvent(event);
  }
}

function matchesFilter(device: USBDevice, filter: USBDeviceFilter): boolean {
  if (filter.vendorId !== undefined && filter.vendorId !== device.vendorId) return false;
  if (filter.productId !== undefined && filter.productId !== device.productId) return false;
  if (filter.serialNumber !== undefined && filter.serialNumber !== device.serialNumber) return false;
  const wantsInterface =
    filter.classCode !== undefined || filter.subclassCode !== undefined || filter.protocolCode !== undefined;
  if (!wantsInterface) return true;
  return device.configurations.some((c) =>
    c.interfaces.some((i) =>
      i.alternates.some(
        (a) =>
          (filter.classCode === undefined || a.interfaceClass === filter.classCode) &&
          (filter.subclassCode === undefined || a.interfaceSubclass === filter.subclassCode) &&
          (filter.protocolCode === undefined || a.interfaceProtocol === filter.protocolCode),
      ),
    ),
  );
}
