/**
 * The browser exports run in Chromium unbundled: the test serves `src/` and the browser-safe libraries it imports
 * (`@catv/jpki`'s and `@catv/contracts`' subpaths) with Node's own type stripping and maps them and `zod` with an
 * import map, then drives the whole path from a page — navigator.usb over the bridge's WebSocket, the CCID driver,
 * the JPKI client and the terminal assertion.
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
/** Each library's directory, found through its package.json as Node resolves it. */
const libraries = Object.fromEntries(
  ["@catv/jpki", "@catv/contracts"].map((name) => [
    name,
    dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`))),
  ]),
);
async function libraryImports(): Promise<Record<string, string>> {
  const imports: Record<string, string> = { zod: "/zod/index.js" };
  for (const [name, dir] of Object.entries(libraries)) {
    const { exports } = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      exports: Record<string, string>;
    };
    for (const [subpath, file] of Object.entries(exports)) {
      if (file.endsWith(".ts")) imports[join(name, subpath)] = `/${name}/${file.slice(2)}`;
    }
  }
  return imports;
}

async function serveSources(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    try {
      const library = Object.keys(libraries).find((name) => path.startsWith(`/${name}/`));
      if (path === "/") {
        const importMap = JSON.stringify({ imports: await libraryImports() });
        const page = `<!doctype html><html><head><script type="importmap">${importMap}</script></head><body></body></html>`;
        response.writeHead(200, { "content-type": "text/html" }).end(page);
      } else if (path.startsWith("/src/") && path.endsWith(".ts")) {
        const code = stripTypeScriptTypes(await readFile(join(srcDir, path.slice(5)), "utf8"));
        response.writeHead(200, { "content-type": "text/javascript" }).end(code);
      } else if (library && path.endsWith(".ts")) {
        const file = join(libraries[library]!, path.slice(library.length + 2));
        response
          .writeHead(200, { "content-type": "text/javascript" })
          .end(stripTypeScriptTypes(await readFile(file, "utf8")));
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
