/**
 * @module The firmware side of the ports. firmware-shims (`@catv/firmware-shims/browser` and `/driver`) is
 * being built alongside this app; until its browser export exists this reports the reader as missing, so the
 * viewer gets the plain "no card reader" guidance instead of a crash.
 */
import type { CardPort } from "../lib/card/card-port.ts";
import { UnavailableCardPort } from "../lib/card/unavailable-card-port.ts";
import type { StbFirmware } from "../lib/config/stb-config.ts";
import { AppError } from "../lib/errors/app-error.ts";
import type { TerminalAssertionSigner } from "../lib/pf/pf-client.ts";

export async function connectFirmwarePorts(
  _firmware: StbFirmware,
): Promise<{ card: CardPort; assert: TerminalAssertionSigner }> {
  const assert: TerminalAssertionSigner = async () => {
    throw new AppError("firmware_missing", "the firmware bridge client is not available in this build");
  };
  return { card: new UnavailableCardPort("reader_missing"), assert };
}
