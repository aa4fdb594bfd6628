import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobinProxy } from "./round-robin-proxy.ts";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** An instance that answers with its name and echoes the request body it received. */
async function instance(name: string, seen: string[] = []): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString("utf8")}`);
      res.writeHead(201, { "x-instance": name }).end(name);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on (an instance that is down). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function balancer(targetPorts: number[]): Promise<string> {
  const proxy = await startRoundRobinProxy({ service: "pf", listenPort: 0, targetPorts });
  servers.push(proxy);
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe("round-robin proxy", () => {
  it("sends requests to the instances in turn, with method, path, headers and body", async () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    const url = await balancer([await instance("a", seenA), await instance("b", seenB)]);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${url}/v1/challenges?n=${i}`, { method: "POST", body: `body-${i}` });
      expect(res.status).toBe(201);
      names.push(await res.text());
    }
    expect(names).toEqual(["a", "b", "a", "b"]);
    expect(seenA).toEqual(["POST /v1/challenges?n=0 body-0", "POST /v1/challenges?n=2 body-2"]);
    expect(seenB).toEqual(["POST /v1/challenges?n=1 body-1", "POST /v1/challenges?n=3 body-3"]);
  });

  it("sends a request an instance refused to connect to the next one, so one instance down loses nothing", async () => {
    const seen: string[] = [];
    const url = await balancer([await deadPort(), await instance("b", seen)]);
    const answers = await Promise.all(
      [0, 1, 2].map(async (i) => (await fetch(`${url}/x`, { method: "POST", body: String(i) })).text()),
    );
    expect(answers).toEqual(["b", "b", "b"]);
    expect(seen.sort()).toEqual(["POST /x 0", "POST /x 1", "POST /x 2"]);
  });

  it("answers 503 service_unavailable in the platform's error envelope when no instance is up", async () => {
    const url = await balancer([await deadPort(), await deadPort()]);
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });
});
