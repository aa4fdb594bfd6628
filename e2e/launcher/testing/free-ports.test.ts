import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freeInstancePorts, freeServicePorts } from "./free-ports.ts";

const firstEphemeralPort = Number(
  readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0],
);

describe("ports for a launcher test", () => {
  it("picks distinct ports below the kernel's ephemeral range, where no port-0 listener can land", async () => {
    const { pf = [], healthcare = [] } = await freeInstancePorts({ pf: 2, healthcare: 3 });
    const services = Object.values(await freeServicePorts()).map(Number);
    for (const ports of [[...pf, ...healthcare], services]) {
      expect(new Set(ports).size).toBe(ports.length);
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(20_000);
        expect(port).toBeLessThan(firstEphemeralPort);
      }
    }
    expect(pf).toHaveLength(2);
    expect(healthcare).toHaveLength(3);
  });

  it("keeps a port given as fixed, and gives the others ports that can be listened on", async () => {
    const env = await freeServicePorts({ FACILITY_PORT: 7030 });
    expect(env.FACILITY_PORT).toBe("7030");
    const server = createServer();
    await new Promise<void>((listening) => server.listen(Number(env.PF_PORT), "127.0.0.1", listening));
    await new Promise((closed) => server.close(closed));
  });
});
