/**
 * @module Ports for a launcher test: every declared service gets a port found free, passed as its port variable,
 * and so does each instance of a service run as several — so a test never lands on a developer's `npm start` or on
 * a port another process holds.
 *
 * The ports are taken from below the kernel's ephemeral range, never from it. A service binds its port seconds after
 * the test picked it (its modules load first), and meanwhile any other process on the machine that listens on port
 * 0 or opens a connection is given a port from the ephemeral range: a picked port from that range could be taken in
 * between, and the test would then talk to someone else's server (another test's `/health` answered for an instance
 * that could not bind, once, in CI).
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { discoverServices } from "../services.ts";

/** Above the demo's fixed ports (7000–7999, and the journeys' offsets from them). */
const LOWEST_PICKED_PORT = 20_000;

/** The first port the kernel hands out on its own (Linux: 32768 by default; IANA's dynamic range starts at 49152). */
function firstEphemeralPort(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    const port = Number(low);
    if (Number.isInteger(port) && port > 0) return port;
  } catch {
    // not Linux: fall back to IANA's range
  }
  return 49_152;
}

const PICKABLE_BELOW = firstEphemeralPort();

/** Listens on `port`; false when another process holds it. */
function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    };
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve(true);
    });
  });
}

/** A port below the ephemeral range that nobody holds now, held by the returned server until it is closed. */
async function holdFreePort(taken: Set<number>): Promise<{ port: number; server: Server }> {
  const server = createServer();
  if (PICKABLE_BELOW - LOWEST_PICKED_PORT < 1000) {
    // The machine's ephemeral range starts unusually low: let the kernel choose.
    await tryListen(server, 0);
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    taken.add(address.port);
    return { port: address.port, server };
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = randomInt(LOWEST_PICKED_PORT, PICKABLE_BELOW);
    if (taken.has(port)) continue;
    if (await tryListen(server, port)) {
      taken.add(port);
      return { port, server };
    }
  }
  throw new Error(`no free port between ${LOWEST_PICKED_PORT} and ${PICKABLE_BELOW - 1} after 200 tries`);
}

/** Finds `count` distinct free ports; all are held until the last is found, so none is given twice. */
async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  const taken = new Set<number>();
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const { port, server } = await holdFreePort(taken);
      held.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((closed) => server.close(closed))));
  }
}

/** `{ PF_PORT: "24123", JLIS_PORT: "…", … }` for every declared service, with `fixed` ports kept as given. */
export async function freeServicePorts(fixed: Record<string, number> = {}): Promise<Record<string, string>> {
  const portEnvs = discoverServices().flatMap((pkg) => pkg.services.map((service) => service.portEnv));
  const ports = await freePorts(portEnvs.length);
  return Object.fromEntries(portEnvs.map((portEnv, i) => [portEnv, String(fixed[portEnv] ?? ports[i])]));
}

/** `{ pf: [24201, 29802] }`: a free port for each instance, for `startSystem`'s `instancePorts`. */
export async function freeInstancePorts(
  instances: Record<string, number>,
): Promise<Record<string, number[]>> {
  const entries = Object.entries(instances);
  const ports = await freePorts(entries.reduce((sum, [, count]) => sum + count, 0));
  let next = 0;
  return Object.fromEntries(
    entries.map(([service, count]) => {
      const mine = ports.slice(next, next + count);
      next += count;
      return [service, mine];
    }),
  );
}
