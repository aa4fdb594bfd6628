/**
 * @module The USB descriptors of the virtual reader: device, configuration, interface, the 54-byte CCID class
 * descriptor and three endpoints (bulk OUT 1, bulk IN 2, interrupt IN 3), laid out as a real reader sends them.
 */
import { CCID_DESCRIPTOR_LENGTH, CCID_DESCRIPTOR_TYPE, ExchangeLevel } from "../ccid/ccid-descriptor.ts";

export interface VirtualReaderIdentity {
  vendorId: number;
  productId: number;
  manufacturerName: string;
  productName: string;
  serialNumber: string;
}

export interface CcidDescriptorParams {
  slots: number;
  exchangeLevel: "short-apdu" | "extended-apdu";
  maxMessageLength: number;
  interfaceClass: number;
}

export const ENDPOINT_BULK_OUT = 1;
export const ENDPOINT_BULK_IN = 2;
export const ENDPOINT_INTERRUPT_IN = 3;

/**
 * dwFeatures: the automatic-parameter bits of vsmartcard's emulator (0x04FE: ATR-based configuration,
 * activation, voltage, clock, baud rate, PPS, IFSD) plus the exchange level.
 */
export function ccidFeatures(level: CcidDescriptorParams["exchangeLevel"]): number {
  return 0x04fe | (level === "extended-apdu" ? ExchangeLevel.extendedApdu : ExchangeLevel.shortApdu);
}

export function buildCcidClassDescriptor(params: CcidDescriptorParams): Uint8Array {
  const out = new Uint8Array(CCID_DESCRIPTOR_LENGTH);
  const view = new DataView(out.buffer);
  out[0] = CCID_DESCRIPTOR_LENGTH;
  out[1] = CCID_DESCRIPTOR_TYPE;
  view.setUint16(2, 0x0110, true); // bcdCCID 1.10
  out[4] = params.slots - 1; // bMaxSlotIndex
  out[5] = 0x07; // 5 V, 3 V, 1.8 V
  view.setUint32(6, 0x03, true); // T=0 and T=1
  view.setUint32(10, 3580, true); // default clock, kHz
  view.setUint32(14, 3580, true); // maximum clock
  view.setUint32(19, 9600, true); // default data rate, bps
  view.setUint32(23, 344086, true); // maximum data rate
  view.setUint32(28, 254, true); // dwMaxIFSD
  view.setUint32(40, ccidFeatures(params.exchangeLevel), true);
  view.setUint32(44, params.maxMessageLength, true);
  out[48] = 0xff; // bClassGetResponse: echo
  out[49] = 0xff; // bClassEnvelope: echo
  out[53] = 1; // bMaxBusySlots
  return out;
}

export function buildDeviceDescriptor(identity: VirtualReaderIdentity): Uint8Array {
  const out = new Uint8Array(18);
  const view = new DataView(out.buffer);
  out[0] = 18;
  out[1] = 0x01;
  view.setUint16(2, 0x0200, true);
  out[7] = 64;
  view.setUint16(8, identity.vendorId, true);
  view.setUint16(10, identity.productId, true);
  view.setUint16(12, 0x0100, true);
  out[17] = 1;
  return out;
}

export function buildConfigurationDescriptor(params: CcidDescriptorParams): Uint8Array {
  const iface = [9, 0x04, 0, 0, 3, params.interfaceClass, 0, 0, 0];
  const ccid = Array.from(buildCcidClassDescriptor(params));
  const endpoint = (address: number, attributes: number, size: number, interval: number) => [
    7,
    0x05,
    address,
    attributes,
    size & 0xff,
    size >> 8,
    interval,
  ];
  const endpoints = [
    ...endpoint(ENDPOINT_BULK_OUT, 0x02, 64, 0),
    ...endpoint(0x80 | ENDPOINT_BULK_IN, 0x02, 64, 0),
    ...endpoint(0x80 | ENDPOINT_INTERRUPT_IN, 0x03, 8, 16),
  ];
  const total = 9 + iface.length + ccid.length + endpoints.length;
  const config = [9, 0x02, total & 0xff, total >> 8, 1, 1, 0, 0x80, 50];
  return Uint8Array.from([...config, ...iface, ...ccid, ...endpoints]);
}

export function buildUsbConfiguration(
  params: CcidDescriptorParams,
  isClaimed: () => boolean,
): USBConfiguration {
  const endpoints: USBEndpoint[] = [
    { endpointNumber: ENDPOINT_BULK_OUT, direction: "out", type: "bulk", packetSize: 64 },
    { endpointNumber: ENDPOINT_BULK_IN, direction: "in", type: "bulk", packetSize: 64 },
    { endpointNumber: ENDPOINT_INTERRUPT_IN, direction: "in", type: "interrupt", packetSize: 8 },
  ];
  const alternate: USBAlternateInterface = {
    alternateSetting: 0,
    interfaceClass: params.interfaceClass,
    interfaceSubclass: 0,
    interfaceProtocol: 0,
    interfaceName: "CCID",
    endpoints,
  };
  const iface: USBInterface = {
    interfaceNumber: 0,
    alternate,
    alternates: [alternate],
    get claimed() {
      return isClaimed();
    },
  };
  return { configurationValue: 1, configurationName: null, interfaces: [iface] };
}
