/**
 * @module Starts the whole system once for the e2e run, on a fresh data directory and offset ports, with every
 * HTTP exchange recorded for the privacy scan.
 *
 * The system's URLs reach the tests through `E2E_SYSTEM_FILE` (see `support/system.ts`). Tests run in worker
 * processes, so a journey that needs a service down asks this process through a small control server on
 * 127.0.0.1 (`POST /services/<name>/stop|start`); a service stopped that way is not restarted by the launcher's
 * supervisor. A service that crashes is restarted, reported at once, and fails the run at teardown.
 *
 * A developer iterating on one journey may point `E2E_SYSTEM_FILE` at a file describing a system already running
 * (same shape); the suite then reuses it and starts nothing (journey 9, which stops a service, needs the real
 * setup).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CrashReport, startSystem } from "../launcher/system.ts";
import type { SystemUnderTest } from "./system.ts";

/**
 * Offset from the default ports, so a developer's `npm start` can keep running during `npm test`; two checkouts
 * can run their suites side by side with different `E2E_PORT_OFFSET`s (each service uses two ports: +0 and +100).
 */
export const E2E_PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 10_000);

/** The PF refreshes J-LIS's CRLs this often in the run, so the CRL policy sees a revocation within the journey. */
const CRL_REFRESH_SECONDS = 5;
/**
 * J-LIS re-issues its CRLs this often in the run (default 600 s); its CRLs and OCSP answers are then valid for two
 * intervals. The PF reuses an OCSP "good" answer for 5 s only (PF_OCSP_GOOD_CACHE_SECONDS), so a loss reported in
 * journey 7 reaches the OCSP policy within seconds.
 */
const JLIS_CRL_INTERVAL_SECONDS = 30;

/** Every service shares the run's clock (see system-clock.mjs), so a journey can reach a month's end. */
const systemClock = fileURLToPath(new URL("./system-clock.mjs", import.meta.url));

export default async function globalSetup() {
  if (process.env.E2E_SYSTEM_FILE) {
    console.log(`e2e: reusing the running system described in ${process.env.E2E_SYSTEM_FILE}`);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), "catv-e2e-"));
  const crashes: CrashReport[] = [];
  const system = await startSystem({
    dataDir,
    portOffset: E2E_PORT_OFFSET,
    recordHttp: true,
    // The first run seeds every database; on a busy 2-core machine that takes far longer than on a laptop.
    minStartupSeconds: 240,
    env: {
      PF_CRL_REFRESH_SECONDS: String(CRL_REFRESH_SECONDS),
      JLIS_CRL_INTERVAL_SECONDS: String(JLIS_CRL_INTERVAL_SECONDS),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${systemClock}`.trim(),
    },
    // The supervisor restarts a crashed service, so the journeys after it still mean something; the crash is
    // printed here and fails the run at teardown.
    onCrash(report) {
      crashes.push(report);
      console.error(
        `✖ ${report.service} crashed during the e2e run (exit code ${report.exitCode ?? "-"}, signal ${report.signal ?? "-"}); ` +
          `restarting it in ${report.restartInMs / 1000} s. Last lines of its log:\n${report.lastLogLines.join("\n")}`,
      );
    },
    onRestart(report) {
      console.error(
        `↻ ${report.service} restarted during the e2e run (${report.healthy ? "healthy" : report.error})`,
      );
    },
  });

  const control = createServer((request, response) => {
    const match = /^\/services\/([a-z][a-z0-9-]*)\/(stop|start)$/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404).end();
      return;
    }
    const [, name = "", action] = match;
    const run = action === "stop" ? system.stopService(name) : system.startService(name);
    run.then(
      () => response.writeHead(204).end(),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(error.message),
    );
  });
  await new Promise<void>((listening) => control.listen(0, "127.0.0.1", listening));
  const { port } = control.address() as AddressInfo;

  const described: SystemUnderTest = {
    dataDir,
    urls: system.urls,
    directUrls: Object.fromEntries([...system.services].map(([name, s]) => [name, s.directUrl])),
    credentialsPath: system.credentialsPath,
    controlUrl: `http://127.0.0.1:${port}`,
    recordHttp: true,
  };
  const systemFile = join(dataDir, "e2e-system.json");
  writeFileSync(systemFile, JSON.stringify(described, null, 2));
  process.env.E2E_SYSTEM_FILE = systemFile;
  console.log(`e2e system up (data: ${dataDir})`);
  return async () => {
    await new Promise((closed) => control.close(closed));
    await system.stop();
    if (crashes.length > 0) {
      throw new Error(
        `${crashes.length} service crash(es) during the e2e run: ${crashes
          .map((c) => `${c.service} (exit code ${c.exitCode ?? "-"}, signal ${c.signal ?? "-"})`)
          .join(", ")}; see ${join(dataDir, "logs")}`,
      );
    }
  };
}
