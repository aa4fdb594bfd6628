/**
 * @module Test setup: a bridge on an ephemeral port over a fresh data directory holding demo credentials for
 * `stb-nanto-0001` (or, with the reception profile, the reception terminal `rcp-minato-0001` of a hospital) and
 * the shared emulated test card's image (instant card timing).
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Logger, silentLogger } from "@catv/service-kit";
import { sharedTestCard } from "../../card/testing/shared-test-card.ts";
import { NO_DELAY } from "../../card/timing/card-timing.ts";
import { type BridgeConfig, type BridgeProfile, STB_BRIDGE } from "../config.ts";
import { startBridge } from "../start-bridge.ts";

export async function bootTestBridge(
  allowedOrigins: string[],
  options: { backend?: BridgeConfig["backend"]; logger?: Logger; profile?: BridgeProfile } = {},
) {
  const profile = options.profile ?? STB_BRIDGE;
  const dataDir = await mkdtemp(join(tmpdir(), "bridge-test-"));
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const terminalId = profile.defaultTerminalId;
  const terminal = { terminalId, privateJwk: privateKey.export({ format: "jwk" }), publicJwk: {} };
  const stb = profile === STB_BRIDGE;
  const credentials = {
    operators: [{ id: "op-nanto", terminals: stb ? [terminal] : [] }],
    ...(stb
      ? {}
      : {
          medical: {
            institutions: [
              { id: "med-minato", sites: [{ siteId: "med-minato-reception", terminals: [terminal] }] },
            ],
          },
        }),
  };
  await writeFile(join(dataDir, "demo-credentials.json"), JSON.stringify(credentials));
  const testCard = await sharedTestCard();
  await mkdir(join(dataDir, "cards"));
  await writeFile(join(dataDir, "cards", `${testCard.image.cardId}.json`), JSON.stringify(testCard.image));
  const config: BridgeConfig = {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    credentialsPath: join(dataDir, "demo-credentials.json"),
    terminalId,
    allowedOrigins,
    backend: options.backend ?? "virtual",
    cardTiming: NO_DELAY,
    ...(stb ? {} : { service: profile.service, bootFileName: profile.bootFileName, demo: profile.demo }),
    pfUrl: "http://127.0.0.1:9",
  };
  const bridge = await startBridge(config, options.logger ?? silentLogger);
  return { bridge, dataDir, testCard, publicJwk: publicKey.export({ format: "jwk" }) };
}

export const postJson = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
