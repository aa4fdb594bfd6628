/**
 * @module Puts what real STB firmware would provide into index.html: `window.__STB_FIRMWARE__` (the bridge's
 * WebSocket URL, token and terminal ID from `$CATV_DATA_DIR/bridge-boot.json`) and `window.__STB_CONFIG__`
 * (the PF URL). JSON is escaped for a <script> element so no value can close the tag.
 */
import { readFile } from "node:fs/promises";

export interface BridgeBoot {
  wsUrl: string;
  token: string;
  terminalId: string;
  bootedAt?: string;
}

/** The bridge's boot file, or null while the bridge has not written it (or wrote something unusable). */
export async function readBridgeBoot(path: string): Promise<BridgeBoot | null> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<BridgeBoot>;
    if (
      typeof parsed.wsUrl !== "string" ||
      typeof parsed.token !== "string" ||
      typeof parsed.terminalId !== "string"
    )
      return null;
    return {
      wsUrl: parsed.wsUrl,
      token: parsed.token,
      terminalId: parsed.terminalId,
      ...(typeof parsed.bootedAt === "string" ? { bootedAt: parsed.bootedAt } : {}),
    };
  } catch {
    return null;
  }
}

const scriptSafe = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028|\u2029/g, "");

export function injectStbGlobals(
  html: string,
  firmware: BridgeBoot | null,
  config: { pfUrl: string },
): string {
  const script = `<script>window.__STB_FIRMWARE__=${scriptSafe(firmware)};window.__STB_CONFIG__=${scriptSafe(config)};</script>`;
  return html.includes("</head>") ? html.replace("</head>", `${script}</head>`) : script + html;
}
