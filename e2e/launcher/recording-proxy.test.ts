import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RecordedExchange, startRecordingProxy } from "./recording-proxy.ts";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)),
  );
  await new Promise((done) => probe.close(done));
  return port;
}

describe("recording proxy", () => {
  it("relays each exchange unchanged and records both bodies", async () => {
    const upstreamPort = await listen(
      createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => {
          body += chunk;
        });
        request.on("end", () => {
          response.writeHead(201, { "content-type": "application/json", "x-upstream": "yes" });
          response.end(JSON.stringify({ echoed: JSON.parse(body) }));
        });
      }),
    );
    const capturePath = join(mkdtempSync(join(tmpdir(), "catv-proxy-")), "svc.jsonl");
    const proxyPort = await freePort();
    servers.push(
      await startRecordingProxy({
        service: "svc",
        listenPort: proxyPort,
        targetPort: upstreamPort,
        capturePath,
      }),
    );

    const response = await fetch(`http://127.0.0.1:${proxyPort}/v1/things?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "南砺 花子" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-upstream")).toBe("yes");
    expect(await response.json()).toEqual({ echoed: { name: "南砺 花子" } });

    await new Promise((r) => setTimeout(r, 50));
    const [exchange] = readFileSync(capturePath, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as RecordedExchange);
    expect(exchange).toMatchObject({ service: "svc", method: "POST", path: "/v1/things?x=1", status: 201 });
    expect(exchange?.requestBody).toContain("南砺 花子");
    expect(exchange?.responseBody).toContain("echoed");
  });

  it("answers 502 with a JSON error while the service is down", async () => {
    const capturePath = join(mkdtempSync(join(tmpdir(), "catv-proxy-")), "down.jsonl");
    const proxyPort = await freePort();
    servers.push(
      await startRecordingProxy({
        service: "down",
        listenPort: proxyPort,
        targetPort: await freePort(),
        capturePath,
      }),
    );
    const response = await fetch(`http://127.0.0.1:${proxyPort}/health`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: "upstream_unreachable" } });
  });
});
