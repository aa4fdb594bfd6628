/**
 * @module Ports for a launcher test: every declared service gets a port the system picked as free (bound on
 * port 0, then released), passed as its port variable, and so does each instance of a service run as several —
 * so a test never lands on a developer's `npm start` or on a port another process holds.
 */
import { createServer, type Server } from "node:net";
import { discoverServices } from "../services.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** `{ PF_PORT: "41234", JLIS_PORT: "…", … }` for every declared service, with `fixed` ports kept as given. */
export async function freeServicePorts(fixed: Record<string, number> = {}): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const pkg of discoverServices()) {
    for (const service of pkg.services) {
      env[service.portEnv] = String(fixed[service.portEnv] ?? (await freePort()));
    }
  }
  return env;
}

/**
 * `{ pf: [41201, 41202] }`: a free port for each instance, for `startSystem`'s `instancePorts`. All are held until
 * the last is found, so no two instances get the same one.
 */
export async function freeInstancePorts(
  instances: Record<string, number>,
): Promise<Record<string, number[]>> {
  const held: Server[] = [];
  const ports: Record<string, number[]> = {};
  try {
    for (const [service, count] of Object.entries(instances)) {
      ports[service] = [];
      for (let i = 0; i < count; i++) {
        const server = createServer();
        held.push(server);
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
        const address = server.address();
        if (!address || typeof address === "string") throw new Error("no port");
        ports[service].push(address.port);
      }
    }
  } finally {
    await Promise.all(held.map((server) => new Promise((closed) => server.close(closed))));
  }
  return ports;
}
