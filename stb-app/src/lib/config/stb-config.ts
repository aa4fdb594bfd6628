/**
 * @module What the STB firmware tells the page: `window.__STB_FIRMWARE__` (bridge WebSocket and token, from
 * the bridge's boot file) and `window.__STB_CONFIG__` (the PF URL), both injected by the TV server into
 * index.html as real firmware would. Read once at start; missing values are reported, not guessed.
 */

export interface StbFirmware {
  wsUrl: string;
  token: string;
  terminalId: string;
}
export interface StbConfig {
  pfUrl: string;
}

export function readStbEnvironment(win: Record<string, unknown>): {
  firmware: StbFirmware | null;
  config: StbConfig | null;
} {
  const fw = win.__STB_FIRMWARE__ as Partial<StbFirmware> | null | undefined;
  const cfg = win.__STB_CONFIG__ as Partial<StbConfig> | null | undefined;
  const firmware =
    fw && typeof fw.wsUrl === "string" && typeof fw.token === "string" && typeof fw.terminalId === "string"
      ? { wsUrl: fw.wsUrl, token: fw.token, terminalId: fw.terminalId }
      : null;
  const config = cfg && typeof cfg.pfUrl === "string" ? { pfUrl: cfg.pfUrl } : null;
  return { firmware, config };
}
