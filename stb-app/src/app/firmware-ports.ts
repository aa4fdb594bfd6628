/**
 * @module The firmware side of the ports: connects to the STB bridge (firmware-shims `browser`), watches the
 * reader with the driver's ReaderMonitor, and signs PF requests with the terminal key the bridge holds.
 * Loaded lazily, so a build without firmware (tests, screenshots) does not pay for the driver.
 */
import { connectFirmwareBridge } from "@catv/firmware-shims/browser";
import { ReaderMonitor } from "@catv/firmware-shims/driver";
import type { CardPort } from "../lib/card/card-port.ts";
import { FirmwareCardPort } from "../lib/card/firmware-card-port.ts";
import { UnavailableCardPort } from "../lib/card/unavailable-card-port.ts";
import type { StbFirmware } from "../lib/config/stb-config.ts";
import { AppError } from "../lib/errors/app-error.ts";
import type { TerminalAssertionSigner } from "../lib/pf/pf-client.ts";

export async function connectFirmwarePorts(
  firmware: StbFirmware,
): Promise<{ card: CardPort; assert: TerminalAssertionSigner }> {
  let bridge: Awaited<ReturnType<typeof connectFirmwareBridge>>;
  try {
    bridge = await connectFirmwareBridge({ wsUrl: firmware.wsUrl, token: firmware.token });
  } catch (error) {
    console.error(
      JSON.stringify({ level: "error", msg: "firmware bridge unreachable", error: String(error) }),
    );
    const assert: TerminalAssertionSigner = async () => {
      throw new AppError("firmware_missing", "the STB firmware bridge is unreachable");
    };
    return { card: new UnavailableCardPort("reader_missing"), assert };
  }
  const monitor = await ReaderMonitor.start(bridge.usb);
  return {
    card: new FirmwareCardPort(monitor),
    assert: (method, path) => bridge.createTerminalAssertion(method, path),
  };
}
