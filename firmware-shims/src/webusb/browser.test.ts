/**
 * The browser exports run in Chromium unbundled: the test serves `src/` with Node's own type stripping and maps
 * `zod` with an import map, then drives the whole path from a page — navigator.usb over the bridge's WebSocket,
 * the CCID driver, the JPKI client and the terminal assertion.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { stripTypeScriptTypes } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBridge } from "../bridge/start-bridge.ts";
import { bootTestBridge, postJson } from "../bridge/testing/test-bridge.ts";

const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const zodDir = dirname(fileURLToPath(import.meta.resolve("zod")));
const PAGE = `<!doctype html><html><head><script type="importmap">{"imports":{"zod":"/zod/index.js"}}</script></head><body></body></html>`;

async function serveSources(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    try {
      if (path === "/") {
        response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      } else if (path.startsWith("/src/") && path.endsWith(".ts")) {
        const code = stripTypeScriptTypes(await readFile(join(srcDir, path.slice(5)), "utf8"));
        response.writeHead(200, { "content-type": "text/javascript" }).end(code);
      } else if (path.startsWith("/zod/") && path.endsWith(".js")) {
        response
          .writeHead(200, { "content-type": "text/javascript" })
          .end(await readFile(join(zodDir, path.slice(5))));
      } else {
        response.writeHead(404).end();
      }
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

let sources: Server;
let bridge: RunningBridge;
let browser: Browser;
let origin: string;
let booted: Awaited<ReturnType<typeof bootTestBridge>>;

beforeAll(async () => {
  sources = await serveSources();
  origin = `http://127.0.0.1:${(sources.address() as AddressInfo).port}`;
  booted = await bootTestBridge([origin]);
  bridge = booted.bridge;
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  sources?.close();
});

describe("browser exports in Chromium", () => {
  it("read the card's user-authentication certificate and get a terminal assertion through the bridge", async () => {
    await postJson(`${bridge.url}/demo/cards/insert`, { cardId: booted.testCard.image.cardId });
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    // A string, not a function: Vitest would rewrite a function's dynamic imports for Node.
    const script = `(async (boot) => {
      const { connectFirmwareBridge } = await import("/src/webusb/browser.ts");
      const driver = await import("/src/jpki/driver.ts");
      const firmware = await connectFirmwareBridge(boot);
      const monitor = await driver.ReaderMonitor.start(firmware.usb);
      await monitor.waitForCard();
      const read = await monitor.withCard((card) => driver.readAuthenticationCertificate(card));
      const jws = await firmware.createTerminalAssertion("GET", "/v1/portal");
      firmware.close();
      return { certificate: btoa(String.fromCharCode(...read.certificate)), jws };
    })(${JSON.stringify(bridge.boot)})`;
    const result = (await page.evaluate(script)) as { certificate: string; jws: string };
    expect(result.certificate).toBe(booted.testCard.image.jpki.authCertificate);
    expect(result.jws.split(".")).toHaveLength(3);
    await page.close();
  }, 60_000);
});
