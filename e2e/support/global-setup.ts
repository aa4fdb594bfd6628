/**
 * @module Starts the whole system once for the e2e run, on a fresh data directory and offset ports.
 *
 * The system's URLs reach the tests through `E2E_SYSTEM_FILE` (see `support/system.ts`).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSystem } from "../launcher/system.ts";

/** Offset from the default ports, so a developer's `npm start` can keep running during `npm test`. */
export const E2E_PORT_OFFSET = 10_000;

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), "catv-e2e-"));
  const system = await startSystem({
    dataDir,
    portOffset: E2E_PORT_OFFSET,
    recordHttp: true,
    // The first run seeds every database; on a busy 2-core machine that takes far longer than on a laptop.
    minStartupSeconds: 240,
    onCrash(report) {
      console.error(`✖ ${report.service} crashed during the e2e run:\n${report.lastLogLines.join("\n")}`);
    },
  });
  const systemFile = join(dataDir, "e2e-system.json");
  writeFileSync(
    systemFile,
    JSON.stringify({ dataDir, urls: system.urls, credentialsPath: system.credentialsPath }, null, 2),
  );
  process.env.E2E_SYSTEM_FILE = systemFile;
  console.log(`e2e system up (data: ${dataDir})`);
  return async () => {
    await system.stop();
  };
}
