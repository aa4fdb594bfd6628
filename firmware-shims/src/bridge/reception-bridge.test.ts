/**
 * The second bridge instance: a hospital reception terminal's reader, run by the same program as the STB's with
 * the reception profile — its own port and boot file, the reception terminal's key, the hospital's page as the
 * only web app it lets in — while the STB's profile reads its settings exactly as before.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { importJWK, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { connectFirmwareBridge, type FirmwareBridge } from "../webusb/connect-firmware-bridge.ts";
import { loadBridgeConfig, RECEPTION_BRIDGE, STB_BRIDGE } from "./config.ts";
import type { RunningBridge } from "./start-bridge.ts";
import { bootTestBridge } from "./testing/test-bridge.ts";

const HOSPITAL_ORIGIN = "http://127.0.0.1:17080";
const TV_ORIGIN = "http://127.0.0.1:17060";
const running: { bridge?: RunningBridge; clients: FirmwareBridge[] } = { clients: [] };

afterEach(async () => {
  for (const client of running.clients.splice(0)) client.close();
  await running.bridge?.close();
  running.bridge = undefined;
});

async function boot() {
  const booted = await bootTestBridge([HOSPITAL_ORIGIN], { profile: RECEPTION_BRIDGE });
  running.bridge = booted.bridge;
  return booted;
}

async function connect(bridge: RunningBridge, origin: string) {
  const client = await connectFirmwareBridge(
    { wsUrl: bridge.boot.wsUrl, token: bridge.boot.token },
    { createWebSocket: (url) => new WebSocket(url, { origin }) as never },
  );
  running.clients.push(client);
  return client;
}

const env = {
  CATV_DATA_DIR: "/tmp/catv-data",
  TV_URL: "http://127.0.0.1:7060",
  HOSPITAL_URL: "http://127.0.0.1:7080/",
  BRIDGE_PORT: "7020",
  RECEPTION_BRIDGE_PORT: "7081",
  STB_TERMINAL_ID: "stb-nanto-0001",
  RECEPTION_TERMINAL_ID: "rcp-minato-0002",
};

describe("the reception terminal's bridge (second instance)", () => {
  it("reads its own port, terminal and web app, leaving the STB's settings as they were", () => {
    const reception = loadBridgeConfig(env, RECEPTION_BRIDGE);
    expect(reception).toMatchObject({
      port: 7081,
      terminalId: "rcp-minato-0002",
      allowedOrigins: ["http://127.0.0.1:7080"],
      service: "reception-bridge",
      bootFileName: "reception-bridge-boot.json",
    });
    const stb = loadBridgeConfig(env);
    expect(stb).toMatchObject({
      port: 7020,
      terminalId: "stb-nanto-0001",
      allowedOrigins: ["http://127.0.0.1:7060"],
      bootFileName: STB_BRIDGE.bootFileName,
    });
  });

  it("defaults to the hospital's first reception terminal on port 7081", () => {
    expect(loadBridgeConfig({}, RECEPTION_BRIDGE)).toMatchObject({
      port: 7081,
      terminalId: "rcp-minato-0001",
      allowedOrigins: [],
    });
  });

  it("writes its own boot file and leaves the STB's alone", async () => {
    const { bridge, dataDir } = await boot();
    const saved = JSON.parse(await readFile(join(dataDir, "reception-bridge-boot.json"), "utf8"));
    expect(saved).toMatchObject({ wsUrl: bridge.boot.wsUrl, terminalId: "rcp-minato-0001" });
    expect(existsSync(join(dataDir, "bridge-boot.json"))).toBe(false);
  });

  it("answers its health check under its own name", async () => {
    const { bridge } = await boot();
    expect(await (await fetch(`${bridge.url}/health`)).json()).toMatchObject({
      status: "ok",
      service: "reception-bridge",
      terminalId: "rcp-minato-0001",
    });
  });

  it("signs assertions with the reception terminal's key from the institution's site", async () => {
    const { bridge, publicJwk } = await boot();
    const client = await connect(bridge, HOSPITAL_ORIGIN);
    const jws = await client.createTerminalAssertion("POST", "/v1/reception/recognitions");
    const key = await importJWK({ ...publicJwk, alg: "ES256" }, "ES256");
    const { payload, protectedHeader } = await jwtVerify(jws, key, {
      audience: "catv-pf",
      issuer: "rcp-minato-0001",
    });
    expect(protectedHeader.kid).toBe("rcp-minato-0001");
    expect(payload).toMatchObject({ htm: "POST", htu: "/v1/reception/recognitions" });
  });

  it("refuses the TV app's origin: only the reception page may use the reception reader", async () => {
    const { bridge } = await boot();
    await expect(connect(bridge, TV_ORIGIN)).rejects.toMatchObject({ code: "bridge_unavailable" });
  });

  it("serves a demo card page that names the reception terminal", async () => {
    const { bridge } = await boot();
    const html = await (await fetch(`${bridge.url}/demo`)).text();
    expect(html).toContain("<title>カードリーダー操作（デモ）— 受付端末 firmware bridge</title>");
    expect(html).toContain("病院の受付端末");
    expect(html).toContain('id="insert-card"');
  });
});
