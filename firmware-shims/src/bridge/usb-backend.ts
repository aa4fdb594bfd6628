/**
 * @module Real readers through the `usb` npm package's WebUSB implementation (libusb underneath, prebuilt
 * binaries). The same CCID driver runs unchanged against the real device. Loaded only when `BRIDGE_BACKEND=usb`,
 * so the virtual demo never touches libusb. These build machines have no USB bus: there the backend starts with no
 * reader and logs why (tested); with a reader it is a manual test.
 *
 * Manual test with a real CCID reader (e.g. an NTT-ME SCR3310 or a SONY RC-S380/P, with pcscd stopped so
 * libusb can claim the interface): `BRIDGE_BACKEND=usb npm start`, open the TV app and put a My Number card on
 * the reader.
 */
import type { Logger } from "@catv/service-kit";
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

/** Adds the plugged-in readers and follows hot-plug; answers false when libusb cannot be loaded. */
export async function attachUsbReaders(pool: ReaderPool, logger: Logger): Promise<boolean> {
  let usb: USB;
  try {
    const usbModule = (await import("usb")) as unknown as UsbModule;
    usb = new usbModule.WebUSB({ allowAllDevices: true });
  } catch (error) {
    logger.warn("the usb backend cannot load libusb; no real readers", { error: String(error) });
    return false;
  }
  const ids = new Map<USBDevice, string>();
  const add = (device: USBDevice) => {
    if (!isCcid(device) || ids.has(device)) return;
    const deviceId = `usb-${device.vendorId.toString(16)}-${device.productId.toString(16)}-${device.serialNumber ?? ids.size}`;
    ids.set(device, deviceId);
    pool.addDevice(deviceId, device);
    logger.info("real reader attached", { deviceId });
  };
  try {
    for (const device of await usb.getDevices()) add(device);
  } catch (error) {
    // e.g. no /sys/bus/usb in a container. Hot-plug watching would fail the same way (asynchronously), so the
    // bridge keeps serving without real readers and says why.
    logger.warn("cannot list USB devices; no real readers", { error: String(error) });
    return false;
  }
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
