// The test server's guardian: a small process that outlives nothing. It holds a pipe from the process that
// started the server; when that pipe closes — the test run ended without its teardown (killed by a timeout,
// SIGKILL, a crash) — it stops the server (SIGQUIT: PostgreSQL's immediate shutdown, which ends every backend) and
// removes its files. PostgreSQL itself never notices that the process that started it has gone.
//   node server-guardian.mjs <server pid> <folder to remove>
import { rmSync } from "node:fs";

const pid = Number(process.argv[2]);
const folder = process.argv[3];

const alive = () => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopServer() {
  if (alive()) process.kill(pid, "SIGQUIT");
  for (let waited = 0; alive() && waited < 5000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (alive()) process.kill(pid, "SIGKILL");
  if (folder) rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}

process.stdin.on("data", () => {});
process.stdin.on("end", stopServer);
process.stdin.on("close", stopServer);
// Stopped by the test run itself after a normal shutdown: nothing left to do.
process.on("SIGTERM", () => process.exit(0));
