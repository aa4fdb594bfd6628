/**
 * @module Ports for a launcher test: every declared service gets a port the system picked as free (bound on
 * port 0, then released), passed as its port variable — so a test never lands on a developer's `npm start`.
 */
import { createServer } from "node:net";
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
