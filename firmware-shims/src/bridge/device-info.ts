/**
 * @module How a reader is described to the browser: the `USBDevice` fields WebUSB exposes, as plain JSON.
 */
import type { DeviceInfo } from "../webusb/protocol.ts";

export function describeDevice(deviceId: string, device: USBDevice): DeviceInfo {
  return {
    deviceId,
    usbVersionMajor: device.usbVersionMajor,
    usbVersionMinor: device.usbVersionMinor,
    usbVersionSubminor: device.usbVersionSubminor,
    deviceClass: device.deviceClass,
    deviceSubclass: device.deviceSubclass,
    deviceProtocol: device.deviceProtocol,
    vendorId: device.vendorId,
    productId: device.productId,
    deviceVersionMajor: device.deviceVersionMajor,
    deviceVersionMinor: device.deviceVersionMinor,
    deviceVersionSubminor: device.deviceVersionSubminor,
    manufacturerName: device.manufacturerName ?? null,
    productName: device.productName ?? null,
    serialNumber: device.serialNumber ?? null,
    configurations: device.configurations.map((c) => ({
      configurationValue: c.configurationValue,
      configurationName: c.configurationName ?? null,
      interfaces: c.interfaces.map((i) => ({
        interfaceNumber: i.interfaceNumber,
        alternates: i.alternates.map((a) => ({
          alternateSetting: a.alternateSetting,
          interfaceClass: a.interfaceClass,
          interfaceSubclass: a.interfaceSubclass,
          interfaceProtocol: a.interfaceProtocol,
          interfaceName: a.interfaceName ?? null,
          endpoints: a.endpoints.map((e) => ({
            endpointNumber: e.endpointNumber,
            direction: e.direction,
            type: e.type,
            packetSize: e.packetSize,
          })),
        })),
      })),
    })),
  };
}

export function deviceState(device: USBDevice) {
  const configuration = device.configuration;
  return {
    opened: device.opened,
    configurationValue: configuration?.configurationValue ?? null,
    claimed: configuration?.interfaces.filter((i) => i.claimed).map((i) => i.interfaceNumber) ?? [],
  };
}
