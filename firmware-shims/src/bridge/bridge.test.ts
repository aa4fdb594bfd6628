import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { silentLogger } from "@catv/service-kit";
import { importJWK, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CcidReader } from "../ccid/ccid-reader.ts";
import { JpkiCardClient } from "../jpki/jpki-card-client.ts";
import { readAuthenticationCertificate } from "../jpki/read-authentication-certificate.ts";
import { connectFirmwareBridge, type FirmwareBridge } from "../webusb/connect-firmware-bridge.ts";
import type { RunningBridge } from "./start-bridge.ts";
import { bootTestBridge } from "./testing/test-bridge.ts";

const TV_ORIGIN = "http://127.0.0.1:17060";
const running: { bridge?: RunningBridge; clients: FirmwareBridge[] } = { clients: [] };

afterEach(async () => {
  for (const client of running.clients.splice(0)) client.close();
  await running.bridge?.close();
  running.bridge = undefined;
});

async function boot() {
  const booted = await bootTestBridge([TV_ORIGIN]);
  running.bridge = booted.bridge;
  return booted;
}

async function connect(bridge: RunningBridge, origin = TV_ORIGIN, token = bridge.boot.token) {
  const client = await connectFirmwareBridge(
    { wsUrl: bridge.boot.wsUrl, token },
    { createWebSocket: (url) => new WebSocket(url, { origin }) as never },
  );
  running.clients.push(client);
  return client;
}

const post = (bridge: RunningBridge, path: string, body: unknown) =>
  fetch(`${bridge.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("firmware bridge", () => {
  it("writes the boot file with mode 0600", async () => {
    const { bridge, dataDir } = await boot();
    const path = join(dataDir, "bridge-boot.json");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(path, "utf8"));
    expect(saved).toMatchObject({
      wsUrl: bridge.boot.wsUrl,
      token: bridge.boot.token,
      terminalId: "stb-nanto-0001",
    });
  });

  it("answers its health check", async () => {
    const { bridge } = await boot();
    expect(await (await fetch(`${bridge.url}/health`)).json()).toMatchObject({ status: "ok", readers: 1 });
  });

  it("refuses a WebSocket from an origin other than the TV app's or its own", async () => {
    const { bridge } = await boot();
    await expect(connect(bridge, "http://evil.example")).rejects.toMatchObject({
      code: "bridge_unavailable",
    });
  });

  it("refuses a client with the wrong token", async () => {
    const { bridge } = await boot();
    await expect(connect(bridge, TV_ORIGIN, "not-the-token")).rejects.toMatchObject({
      code: "bridge_refused",
    });
  });

  it("signs a terminal assertion the terminal's public key verifies", async () => {
    const { bridge, publicJwk } = await boot();
    const client = await connect(bridge);
    const jws = await client.createTerminalAssertion("post", "/v1/challenges?x=1");
    const key = await importJWK({ ...publicJwk, alg: "ES256" }, "ES256");
    const { payload, protectedHeader } = await jwtVerify(jws, key, {
      audience: "catv-pf",
      issuer: "stb-nanto-0001",
    });
    expect(protectedHeader).toMatchObject({ alg: "ES256", typ: "terminal+jwt", kid: "stb-nanto-0001" });
    expect(payload).toMatchObject({ htm: "POST", htu: "/v1/challenges?x=1" });
    expect(typeof payload.jti).toBe("string");
  });

  it("lets the CCID driver read a card inserted from the demo API, through navigator.usb over the WebSocket", async () => {
    const { bridge, testCard } = await boot();
    const client = await connect(bridge);
    const [device] = await client.usb.getDevices();
    const reader = await CcidReader.open(device!);
    const inserted = new Promise<void>((resolve) => reader.on("card-inserted", () => resolve()));
    expect((await post(bridge, "/demo/cards/insert", { cardId: testCard.image.cardId })).status).toBe(200);
    await inserted;
    const card = await JpkiCardClient.connect(reader);
    const { certificate } = await readAuthenticationCertificate(card);
    expect(Buffer.from(certificate).toString("base64")).toBe(testCard.image.jpki.authCertificate);
  });

  it("reports reader_unplugged after the demo unplugs the reader, and works again after replugging", async () => {
    const { bridge, testCard } = await boot();
    const client = await connect(bridge);
    await post(bridge, "/demo/cards/insert", { cardId: testCard.image.cardId });
    const [device] = await client.usb.getDevices();
    const reader = await CcidReader.open(device!);
    const gone = new Promise<void>((resolve) => reader.on("unplugged", () => resolve()));
    await post(bridge, "/demo/reader/unplug", {});
    await gone;
    await expect(reader.powerOn()).rejects.toMatchObject({ code: "reader_unplugged" });
    const back = new Promise<USBDevice>((resolve) =>
      client.usb.addEventListener("connect", (event) => resolve((event as USBConnectionEvent).device)),
    );
    await post(bridge, "/demo/reader/replug", {});
    const again = await CcidReader.open(await back);
    expect((await again.powerOn()).length).toBeGreaterThan(0);
  });

  it("reports the reader and slot status to the app, and its changes", async () => {
    const { bridge, testCard } = await boot();
    const client = await connect(bridge);
    const seen: string[] = [];
    client.onStatus((s) => seen.push(`${s.connected}:${s.bridge?.readers[0]?.slots[0] ?? "-"}`));
    expect(seen).toEqual(["true:absent"]);
    const inserted = new Promise<void>((resolve) =>
      client.onStatus((s) => s.bridge?.readers[0]?.slots[0] === "inactive" && resolve()),
    );
    await post(bridge, "/demo/cards/insert", { cardId: testCard.image.cardId });
    await inserted;
  });

  it("answers a malformed WebSocket request with an error and keeps the session", async () => {
    const { bridge } = await boot();
    const socket = new WebSocket(bridge.boot.wsUrl, { origin: TV_ORIGIN });
    const replies: unknown[] = [];
    socket.on("message", (data) => replies.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once("open", resolve));
    const waitFor = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (replies.length >= n ? resolve() : setTimeout(check, 5));
        check();
      });
    socket.send(
      JSON.stringify({ id: 1, op: "hello", token: bridge.boot.token, protocol: "catv-firmware-bridge/1" }),
    );
    await waitFor(1);
    socket.send(
      JSON.stringify({
        id: 2,
        op: "transferOut",
        deviceId: "virtual-reader-1",
        endpointNumber: 1,
        data: "%%%",
      }),
    );
    socket.send(JSON.stringify({ id: 3, op: "getDevices" }));
    await waitFor(3);
    expect(replies[1]).toMatchObject({ id: 2, ok: false, error: { name: "DataError" } });
    expect(replies[2]).toMatchObject({ id: 3, ok: true });
    socket.close();
  });

  it("answers a request for an unknown device with NotFoundError, as WebUSB would", async () => {
    const { bridge } = await boot();
    const socket = new WebSocket(bridge.boot.wsUrl, { origin: TV_ORIGIN });
    const replies: { id: number }[] = [];
    socket.on("message", (data) => replies.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({ id: 1, op: "hello", token: bridge.boot.token, protocol: "catv-firmware-bridge/1" }),
    );
    socket.send(JSON.stringify({ id: 2, op: "open", deviceId: "no-such-reader" }));
    await new Promise<void>((resolve) => {
      const check = () => (replies.length >= 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(replies[1]).toMatchObject({ id: 2, ok: false, error: { name: "NotFoundError" } });
    socket.close();
  });

  it("answers an unknown card with a coded 404", async () => {
    const { bridge } = await boot();
    const response = await post(bridge, "/demo/cards/insert", { cardId: "no-such-card-0000" });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "card_not_found" });
  });

  it("refuses a demo action posted from another origin", async () => {
    const { bridge, testCard } = await boot();
    const response = await fetch(`${bridge.url}/demo/cards/insert`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ cardId: testCard.image.cardId }),
    });
    expect(response.status).toBe(403);
  });

  it("lists the demo residents' cards by label, without PINs", async () => {
    const { bridge, testCard } = await boot();
    const state = await (await fetch(`${bridge.url}/demo/state`)).json();
    expect(state.cards).toEqual([
      expect.objectContaining({ cardId: testCard.image.cardId, displayLabel: testCard.image.displayLabel }),
    ]);
    expect(JSON.stringify(state)).not.toContain(testCard.image.jpki.signPassword);
  });

  it("serves the demo page with stable control ids", async () => {
    const { bridge } = await boot();
    const html = await (await fetch(`${bridge.url}/demo`)).text();
    for (const id of [
      "card-select",
      "insert-card",
      "remove-card",
      "unplug-reader",
      "replug-reader",
      "card-state",
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
  });
});

describe("firmware bridge with the real-reader backend", () => {
  it("starts through the usb package's WebUSB and serves no reader on a machine without a USB bus", async () => {
    const { bootTestBridge: boot } = await import("./testing/test-bridge.ts");
    const logged: string[] = [];
    const booted = await boot([TV_ORIGIN], {
      backend: "usb",
      logger: { ...silentLogger, warn: (m) => logged.push(m) },
    });
    running.bridge = booted.bridge;
    expect(await (await fetch(`${booted.bridge.url}/health`)).json()).toMatchObject({ status: "ok" });
    // Here there is no /sys/bus/usb: the backend says so and serves no reader; on an STB it lists the readers.
    const explained = logged.some((m) => m.includes("no real readers"));
    expect(explained || booted.bridge.pool.connected().length > 0).toBe(true);
  });
});
