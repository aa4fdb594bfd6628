/**
 * Every service `npm start` runs checks its configuration before it opens anything: a bad value is one line
 * naming the variable, and the process exits 78 (EX_CONFIG). Each declared entry point is run for real.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDemoCredentials } from "./demo-credentials.ts";
import { discoverServices } from "./services.ts";

const dataDir = mkdtempSync(join(tmpdir(), "catv-config-"));
const credentialsPath = join(dataDir, "demo-credentials.json");
ensureDemoCredentials(credentialsPath);

function run(packageDir: string, entry: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string[]; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [entry], {
      cwd: packageDir,
      env: { ...process.env, CATV_DATA_DIR: dataDir, CATV_DEMO_CREDENTIALS: credentialsPath, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ code, stderr: stderr.split("\n").filter(Boolean), stdout }));
  });
}

const services = discoverServices().flatMap((pkg) =>
  pkg.services.map((service) => ({ ...service, packageDir: pkg.packageDir })),
);

describe("configuration checks at start", { timeout: 120_000 }, () => {
  it.each(services)("$name prints one line for a port that is not a number and exits 78", async (service) => {
    const result = await run(service.packageDir, service.entry, { [service.portEnv]: "seventy" });
    expect(result.stderr).toEqual([
      `✖ ${service.name} configuration: ${service.portEnv}: must be a port number from 0 to 65535, got "seventy"`,
    ]);
    expect(result.code).toBe(78);
    expect(result.stdout).not.toContain("listening");
  });

  it("prints one line per problem when several variables are wrong", async () => {
    const pf = services.find((s) => s.name === "pf")!;
    const result = await run(pf.packageDir, pf.entry, {
      PF_PORT: "70000",
      PF_OUTBOX_POLL_MS: "soon",
      JLIS_URL: "jlis.example",
      CATV_SHUTDOWN_DRAIN_MS: "-1",
    });
    expect(result.stderr).toEqual([
      '✖ pf configuration: PF_PORT: must be a port number from 0 to 65535, got "70000"',
      '✖ pf configuration: JLIS_URL: must be an http:// or https:// URL, got "jlis.example"',
      '✖ pf configuration: PF_OUTBOX_POLL_MS: must be a whole number of at least 10, got "soon"',
      '✖ pf configuration: CATV_SHUTDOWN_DRAIN_MS: must be a whole number from 0 to 300000, got "-1"',
    ]);
    expect(result.code).toBe(78);
  });

  it("names an unreadable credentials file on the same terms", async () => {
    const jlis = services.find((s) => s.name === "jlis")!;
    const missing = join(dataDir, "missing.json");
    const result = await run(jlis.packageDir, jlis.entry, { CATV_DEMO_CREDENTIALS: missing });
    expect(result.stderr).toEqual([
      `✖ jlis configuration: CATV_DEMO_CREDENTIALS: ${missing} is not a readable demo credentials file (ENOENT: no such file or directory, open '${missing}')`,
    ]);
    expect(result.code).toBe(78);
  });
});
