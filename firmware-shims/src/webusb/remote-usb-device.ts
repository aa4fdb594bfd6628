/**
 * @module A `USBDevice` whose every call goes over the bridge's WebSocket to the reader the bridge owns.
 * It keeps the few pieces of state WebUSB exposes synchronously (opened, configuration, claimed) in step with
 * the bridge's answers.
 */
import { bytesOf } from "../ccid/usb-bytes.ts";
import type { BridgeRpc } from "./bridge-rpc.ts";
import { type DeviceInfo, fromBase64, toBase64, transferResultSchema } from "./protocol.ts";

interface DeviceState {
  opened: boolean;
  configurationValue: number | null;
  claimed: number[];
}

export class RemoteUsbDevice implements USBDevice {
  readonly deviceId: string;
  readonly usbVersionMajor: number;
  readonly usbVersionMinor: number;
  readonly usbVersionSubminor: number;
  readonly deviceClass: number;
  readonly deviceSubclass: number;
  readonly deviceProtocol: number;
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceVersionMajor: number;
  readonly deviceVersionMinor: number;
  readonly deviceVersionSubminor: number;
  readonly manufacturerName: string | null;
  readonly productName: string | null;
  readonly serialNumber: string | null;
  readonly configurations: USBConfiguration[];
  readonly #rpc: BridgeRpc;
  #state: DeviceState = { opened: false, configurationValue: null, claimed: [] };
  #gone = false;

  constructor(info: DeviceInfo, rpc: BridgeRpc) {
    this.#rpc = rpc;
    this.deviceId = info.deviceId;
    this.usbVersionMajor = info.usbVersionMajor;
    this.usbVersionMinor = info.usbVersionMinor;
    this.usbVersionSubminor = info.usbVersionSubminor;
    this.deviceClass = info.deviceClass;
    this.deviceSubclass = info.deviceSubclass;
    this.deviceProtocol = info.deviceProtocol;
    this.vendorId = info.vendorId;
    this.productId = info.productId;
    this.deviceVersionMajor = info.deviceVersionMajor;
    this.deviceVersionMinor = info.deviceVersionMinor;
    this.deviceVersionSubminor = info.deviceVersionSubminor;
    this.manufacturerName = info.manufacturerName;
    this.productName = info.productName;
    this.serialNumber = info.serialNumber;
    this.configurations = info.configurations.map((c) => ({
      configurationValue: c.configurationValue,
      configurationName: c.configurationName,
      interfaces: c.interfaces.map((i) => {
        const alternates = i.alternates.map((a) => ({ ...a, endpoints: a.endpoints.map((e) => ({ ...e })) }));
        const isClaimed = () => this.#state.claimed.includes(i.interfaceNumber);
        return {
          interfaceNumber: i.interfaceNumber,
          alternate: alternates[0]!,
          alternates,
          get claimed() {
            return isClaimed();
          },
        };
      }),
    }));
  }

  get opened(): boolean {
    return this.#state.opened;
  }

  get configuration(): USBConfiguration | null {
    return this.configurations.find((c) => c.configurationValue === this.#state.configurationValue) ?? null;
  }

  /** Marks the device as gone (the bridge reported a disconnect); later calls fail as WebUSB's would. */
  markGone(): void {
    this.#gone = true;
    this.#state = { opened: false, configurationValue: null, claimed: [] };
  }

  open(): Promise<void> {
    return this.#stateful({ op: "open", deviceId: this.deviceId });
  }
  close(): Promise<void> {
    return this.#stateful({ op: "close", deviceId: this.deviceId });
  }
  forget(): Promise<void> {
    return this.close();
  }
  reset(): Promise<void> {
    return this.#stateful({ op: "reset", deviceId: this.deviceId });
  }
  selectConfiguration(configurationValue: number): Promise<void> {
    return this.#stateful({ op: "selectConfiguration", deviceId: this.deviceId, configurationValue });
  }
  claimInterface(interfaceNumber: number): Promise<void> {
    return this.#stateful({ op: "claimInterface", deviceId: this.deviceId, interfaceNumber });
  }
  releaseInterface(interfaceNumber: number): Promise<void> {
    return this.#stateful({ op: "releaseInterface", deviceId: this.deviceId, interfaceNumber });
  }
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void> {
    return this.#stateful({
      op: "selectAlternateInterface",
      deviceId: this.deviceId,
      interfaceNumber,
      alternateSetting,
    });
  }
  async clearHalt(direction: USBDirection, endpointNumber: number): Promise<void> {
    await this.#call({ op: "clearHalt", deviceId: this.deviceId, direction, endpointNumber });
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    return inResult(await this.#call({ op: "controlTransferIn", deviceId: this.deviceId, setup, length }));
  }

  async controlTransferOut(
    setup: USBControlTransferParameters,
    data?: BufferSource,
  ): Promise<USBOutTransferResult> {
    const body = data === undefined ? {} : { data: toBase64(bytesOf(data)) };
    return outResult(await this.#call({ op: "controlTransferOut", deviceId: this.deviceId, setup, ...body }));
  }

  async transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult> {
    return inResult(await this.#call({ op: "transferIn", deviceId: this.deviceId, endpointNumber, length }));
  }

  async transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult> {
    const body = {
      op: "transferOut",
      deviceId: this.deviceId,
      endpointNumber,
      data: toBase64(bytesOf(data)),
    } as const;
    return outResult(await this.#call(body));
  }

  async isochronousTransferIn(): Promise<USBIsochronousInTransferResult> {
    throw new DOMException("isochronous transfers are not offered by the bridge", "NotSupportedError");
  }

  async isochronousTransferOut(): Promise<USBIsochronousOutTransferResult> {
    throw new DOMException("isochronous transfers are not offered by the bridge", "NotSupportedError");
  }

  #call(body: Parameters<BridgeRpc["call"]>[0]): Promise<unknown> {
    if (this.#gone) return Promise.reject(new DOMException("The device was disconnected.", "NotFoundError"));
    return this.#rpc.call(body);
  }

  async #stateful(body: Parameters<BridgeRpc["call"]>[0]): Promise<void> {
    const state = (await this.#call(body)) as DeviceState;
    this.#state = {
      opened: state.opened,
      configurationValue: state.configurationValue,
      claimed: [...state.claimed],
    };
  }
}

function inResult(raw: unknown): USBInTransferResult {
  const result = transferResultSchema.parse(raw);
  const bytes = result.data === undefined ? undefined : fromBase64(result.data);
  return { status: result.status, data: bytes && new DataView(bytes.buffer) };
}

function outResult(raw: unknown): USBOutTransferResult {
  const result = transferResultSchema.parse(raw);
  return { status: result.status, bytesWritten: result.bytesWritten ?? 0 };
}
