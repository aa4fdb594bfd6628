/**
 * @module Connects the app to the STB: the card port and the terminal-assertion signer come from the
 * firmware; the PF address from the injected config. A harness (e2e tests, the screenshot script) may inject
 * its own ports as `window.__STB_TEST_PORTS__`, the same seam real firmware fills.
 */
import type { CardPort } from "../lib/card/card-port.ts";
import { UnavailableCardPort } from "../lib/card/unavailable-card-port.ts";
import { readStbEnvironment } from "../lib/config/stb-config.ts";
import { AppError } from "../lib/errors/app-error.ts";
import type { TerminalAssertionSigner } from "../lib/pf/pf-client.ts";

export interface StbPorts {
  card: CardPort;
  assert: TerminalAssertionSigner;
  pfUrl: string;
}

/** Where the PF listens when no config was injected (the development default of `npm start`). */
const DEFAULT_PF_URL = "http://127.0.0.1:7000";

export async function connectStbPorts(win: Record<string, unknown>): Promise<StbPorts> {
  const { firmware, config } = readStbEnvironment(win);
  const pfUrl = config?.pfUrl ?? DEFAULT_PF_URL;
  const injected = win.__STB_TEST_PORTS__ as { card: CardPort; assert: TerminalAssertionSigner } | undefined;
  if (injected) return { card: injected.card, assert: injected.assert, pfUrl };
  if (!firmware) {
    const assert: TerminalAssertionSigner = async () => {
      throw new AppError("firmware_missing", "no STB firmware bridge was injected into the page");
    };
    return { card: new UnavailableCardPort("reader_missing"), assert, pfUrl };
  }
  const { connectFirmwarePorts } = await import("./firmware-ports.ts");
  return { ...(await connectFirmwarePorts(firmware)), pfUrl };
}
