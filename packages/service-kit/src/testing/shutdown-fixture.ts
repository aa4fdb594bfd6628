/**
 * @module A service process for the graceful-shutdown tests: `GET /slow?ms=N` answers after N ms, a worker
 * holds work for WORKER_MS once asked to stop, and every step is a JSON line on stdout.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { installGracefulShutdown } from "../graceful-shutdown.ts";

const say = (msg: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ msg, ...fields })}\n`);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/events") {
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write("event: state\ndata: {}\n\n");
    say("stream opened");
    return;
  }
  const ms = Number(url.searchParams.get("ms") ?? 0);
  say("request received", { path: url.pathname });
  setTimeout(() => {
    response.writeHead(200, { "content-type": "text/plain" }).end(`answered after ${ms} ms`);
    say("request answered", { path: url.pathname });
  }, ms);
});

const workerMs = Number(process.env.WORKER_MS ?? 0);
installGracefulShutdown({
  servers: [server],
  drainMs: Number(process.env.DRAIN_MS ?? 10_000),
  isStream: (request) => request.url === "/events",
  log: (level, msg, fields) => say(msg, { level, ...fields }),
  stopWorkers: async () => {
    say("worker stopping");
    await new Promise((resolve) => setTimeout(resolve, workerMs));
    say("worker finished");
  },
  close: () => {
    say("database closed");
  },
});

server.listen(0, "127.0.0.1", () => say("listening", { port: (server.address() as AddressInfo).port }));
