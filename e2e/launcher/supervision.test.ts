import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CrashReport,
  defaultSupervision,
  nextRestartDelayMs,
  type RestartReport,
  type RunningSystem,
  startSystem,
} from "./system.ts";
import { freeServicePorts } from "./testing/free-ports.ts";

describe("restart back-off", () => {
  it("waits 1 s after a first crash, doubling up to 30 s", () => {
    const waits: number[] = [];
    let delay: number | undefined;
    for (let crash = 0; crash < 7; crash += 1) {
      delay = nextRestartDelayMs(delay, 500);
      waits.push(delay);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it("goes back to 1 s once a run has stayed up for the stable period", () => {
    expect(nextRestartDelayMs(30_000, defaultSupervision.stableMs)).toBe(1_000);
    expect(nextRestartDelayMs(30_000, defaultSupervision.stableMs - 1)).toBe(30_000);
  });
});

// The real processes of the J-LIS simulator, the PF and a provider, started by the launcher as `npm start` does.
describe("supervision under the launcher", { timeout: 600_000 }, () => {
  let system: RunningSystem;
  const crashes: CrashReport[] = [];
  const restarts: RestartReport[] = [];

  beforeAll(async () => {
    system = await startSystem({
      dataDir: mkdtempSync(join(tmpdir(), "catv-supervision-")),
      only: ["jlis", "pf", "healthcare"],
      env: await freeServicePorts(),
      minStartupSeconds: 240,
      onCrash: (report) => crashes.push(report),
      onRestart: (report) => restarts.push(report),
    });
  }, 600_000);

  afterAll(async () => {
    await system?.stop();
  });

  const health = async (name: string) => {
    const service = system.services.get(name)!;
    const response = await fetch(`${service.directUrl}${service.declaration.healthPath}`).catch(
      () => undefined,
    );
    return response?.status;
  };
  const pid = (name: string) => system.services.get(name)?.child?.pid;

  it("restarts the PF after a SIGKILL while the other services keep running", async () => {
    const before = { pf: pid("pf"), jlis: pid("jlis"), healthcare: pid("healthcare") };
    expect(before.pf).toBeGreaterThan(0);

    process.kill(before.pf!, "SIGKILL");

    await vi.waitFor(() => expect(restarts.filter((r) => r.service === "pf" && r.healthy)).toHaveLength(1), {
      timeout: 240_000,
      interval: 200,
    });
    expect(await health("pf")).toBe(200);
    expect(pid("pf")).not.toBe(before.pf);
    expect(crashes).toEqual([
      expect.objectContaining({ service: "pf", signal: "SIGKILL", restarts: 0, restartInMs: 1_000 }),
    ]);
    expect(pid("jlis")).toBe(before.jlis);
    expect(pid("healthcare")).toBe(before.healthcare);
    expect(await health("jlis")).toBe(200);
    expect(await health("healthcare")).toBe(200);
    const supervisorLog = readFileSync(join(system.dataDir, "logs", "launcher.log"), "utf8");
    expect(supervisorLog).toContain('"msg":"service exited unexpectedly; restarting","crashed":"pf"');
    expect(supervisorLog).toContain('"msg":"service restarted","restarted":"pf","restarts":1');
  });

  it("does not restart a service stopped on purpose, and supervises it again once started", async () => {
    await system.stopService("healthcare");
    expect(system.services.get("healthcare")?.lastExit).toEqual({ exitCode: 0, signal: null });
    await new Promise((wait) => setTimeout(wait, 2.5 * defaultSupervision.initialDelayMs));
    expect(pid("healthcare")).toBeUndefined();
    expect(await health("healthcare")).toBeUndefined();
    expect(crashes.filter((c) => c.service === "healthcare")).toEqual([]);

    await system.startService("healthcare");
    expect(await health("healthcare")).toBe(200);
    process.kill(pid("healthcare")!, "SIGKILL");
    await vi.waitFor(
      () => expect(restarts.filter((r) => r.service === "healthcare" && r.healthy)).toHaveLength(1),
      { timeout: 240_000, interval: 200 },
    );
  });

  it("stops every service with SIGTERM, each draining and exiting 0", async () => {
    await system.stop();
    for (const service of system.services.values()) {
      expect({ service: service.declaration.name, ...service.lastExit }).toEqual({
        service: service.declaration.name,
        exitCode: 0,
        signal: null,
      });
    }
    expect(await health("pf")).toBeUndefined();
  });
});
