// For embedded-server.test.ts: starts a test server, prints its process ID and data folder, then waits to be killed.
import { readFileSync } from "node:fs";
import { startPostgresForTests } from "./embedded-server.ts";

const server = await startPostgresForTests();
const dataDir = readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0")[2] ?? "";
process.stdout.write(`${JSON.stringify({ pid: server.pid, dataDir })}\n`);
setInterval(() => {}, 60_000);
