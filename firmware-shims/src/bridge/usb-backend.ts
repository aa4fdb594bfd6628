/**
 * @module Real readers through the `usb` npm package's WebUSB implementation (libusb underneath). A manual test
 * only: these machines have no reader, and `usb` is not a dependency of this package (a native module; install it
 * on the STB image with `npm install usb`). The same CCID driver then runs unchanged against the real device.
 *
 * Manual test with a real CCID reader (e.g. a SONY RC-S380/P or an NTT-ME SCR3310, with pcscd stopped so
 * libusb can claim the interface): `npm install usb`, then `BRIDGE_BACKEND=usb npm start`, open the TV app and put
 * a My Number card on the reader.
 */
import type { Logger } from "./logger.ts";
import type { ReaderPool } from "./reader-pool.ts";

interface UsbModule {
  WebUSB: new (options: { allowAllDevices: boolean }) => USB;
}

function isCcid(device: USBDevice): boolean {
  return device.configurations.some((c) =>
    c.interfaces.some((i) =>
      i.alternates.some((a) => a.interfaceClass === 0x0b || a.interfaceClass === 0xff),
    ),
  );
}

/** Adds the plugged-in readers and follows hot-plug; answers false when `usb` is not installed. */
export async function attachUsbReaders(pool: ReaderPool, logger: Logger): Promise<boolean> {
  const moduleName = "usb";
  let usbModule: UsbModule;
  try {
    usbModule = (await import(moduleName)) as UsbModule;
  } catch {
    logger.warn("the usb package is not installed; no real readers (see src/bridge/usb-backend.ts)");
    return false;
  }
  const usb = new usbModule.WebUSB({ allowAllDevices: true });
  const ids = new Map<USBDevice, string>();
  const add = (device: USBDevice) => {
    if (!isCcid(device) || ids.has(device)) return;
    const deviceId = `usb-${device.vendorId.toString(16)}-${device.productId.toString(16)}-${device.serialNumber ?? ids.size}`;
    ids.set(device, deviceId);
    pool.addDevice(deviceId, device);
    logger.info("real reader attached", { deviceId });
  };
  for (const device of await usb.getDevices()) add(device);
  usb.addEventListener("connect", (event) => add(event.device));
  usb.addEventListener("disconnect", (event) => {
    const deviceId = ids.get(event.device);
    if (deviceId) {
      ids.delete(event.device);
      pool.removeDevice(deviceId);
    }
  });
  return true;
}
