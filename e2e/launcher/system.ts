/**
 * @module Starts every system of the product as its own process, the way `npm start` and the e2e suite do.
 *
 * Order: run each package's prepare script (e.g. the TV app's production build), then start the services
 * tier by tier, waiting for each health check before the next tier. A child that dies is reported with its
 * name and the last lines of its log, and the rest are stopped.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { ensureDemoCredentials } from "./demo-credentials.ts";
import { startRecordingProxy } from "./recording-proxy.ts";
import { discoverServices, type ServiceDeclaration, urlEnvName } from "./services.ts";

export interface StartOptions {
  /** Directory for every service's SQLite file, logs and the demo credentials. */
  dataDir: string;
  /** Added to every default port (e2e runs use an offset so a developer's `npm start` can keep running). */
  portOffset?: number;
  /** Extra environment for every child. */
  env?: Record<string, string>;
  /** Echo children's output to this process's stdout, prefixed with the service name. */
  echo?: boolean;
  /** Skip the packages' prepare scripts (the caller has already built). */
  skipPrepare?: boolean;
  /**
   * Put a recording proxy in front of every service (port + 100) and give every process the proxies' URLs,
   * so every HTTP exchange between systems is kept under `<dataDir>/http-capture/` for the privacy scan.
   */
  recordHttp?: boolean;
  /** Called when a child dies on its own; the launcher has already stopped the others. */
  onCrash?: (report: CrashReport) => void;
  /**
   * Waits at least this long for every health check, whatever a service declares: on a busy 2-core CI machine
   * a first-run seed can take several times longer than on a developer's laptop.
   */
  minStartupSeconds?: number;
}

export interface CrashReport {
  service: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  lastLogLines: string[];
}

export interface RunningService {
  declaration: ServiceDeclaration;
  packageDir: string;
  /** The URL every other process uses (the recording proxy's in a recorded run). */
  url: string;
  /** The service's own listener. */
  directUrl: string;
  port: number;
  logPath: string;
  child: ChildProcess | undefined;
  recentLines: string[];
}

export interface RunningSystem {
  dataDir: string;
  urls: Record<string, string>;
  credentialsPath: string;
  services: Map<string, RunningService>;
  /** Stops one service (for journeys where a system is down), leaving the rest running. */
  stopService(name: string): Promise<void>;
  /** Starts a stopped service again and waits for its health check. */
  startService(name: string): Promise<void>;
  stop(): Promise<void>;
}

const RECENT_LINES = 40;
const PROXY_PORT_OFFSET = 100;

export async function startSystem(options: StartOptions): Promise<RunningSystem> {
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const credentialsPath = join(dataDir, "demo-credentials.json");
  ensureDemoCredentials(credentialsPath);

  const packages = discoverServices();
  const services = new Map<string, RunningService>();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CATV_DATA_DIR: dataDir,
    CATV_LOG_DIR: logDir,
    CATV_DEMO_CREDENTIALS: credentialsPath,
    ...options.env,
  };
  for (const pkg of packages) {
    for (const declaration of pkg.services) {
      const port = Number(env[declaration.portEnv] ?? declaration.defaultPort + (options.portOffset ?? 0));
      const directUrl = `http://127.0.0.1:${port}`;
      const url = options.recordHttp ? `http://127.0.0.1:${port + PROXY_PORT_OFFSET}` : directUrl;
      env[declaration.portEnv] = String(port);
      env[urlEnvName(declaration.name)] = url;
      services.set(declaration.name, {
        declaration,
        packageDir: pkg.packageDir,
        url,
        directUrl,
        port,
        logPath: join(logDir, `${declaration.name}.log`),
        child: undefined,
        recentLines: [],
      });
    }
  }

  if (!options.skipPrepare) {
    for (const pkg of packages) {
      if (!pkg.prepareScript || pkg.services.length === 0) continue;
      const result = spawnSync("npm", ["run", pkg.prepareScript], {
        cwd: pkg.packageDir,
        env,
        stdio: "pipe",
      });
      if (result.status !== 0) {
        throw new Error(
          `${pkg.packageName}: "npm run ${pkg.prepareScript}" failed:\n${result.stdout}\n${result.stderr}`.trim(),
        );
      }
    }
  }

  const proxies: Server[] = [];
  if (options.recordHttp) {
    const captureDir = join(dataDir, "http-capture");
    mkdirSync(captureDir, { recursive: true });
    for (const service of services.values()) {
      proxies.push(
        await startRecordingProxy({
          service: service.declaration.name,
          listenPort: service.port + PROXY_PORT_OFFSET,
          targetPort: service.port,
          capturePath: join(captureDir, `${service.declaration.name}.jsonl`),
        }),
      );
    }
  }

  let stopping = false;
  const logs = new Map<string, WriteStream>();

  const launch = (service: RunningService) => {
    const log = createWriteStream(service.logPath, { flags: "a" });
    logs.set(service.declaration.name, log);
    const child = spawn(process.execPath, [service.declaration.entry], {
      cwd: service.packageDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    service.child = child;
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        service.recentLines.push(line);
        if (service.recentLines.length > RECENT_LINES) service.recentLines.shift();
        if (options.echo) process.stdout.write(`[${service.declaration.name}] ${line}\n`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (exitCode, signal) => {
      log.end();
      if (service.child !== child) return;
      service.child = undefined;
      if (stopping || (child as ChildProcess & { expectedExit?: boolean }).expectedExit) return;
      const report: CrashReport = {
        service: service.declaration.name,
        exitCode,
        signal,
        lastLogLines: service.recentLines.slice(-15),
      };
      void system.stop().then(() => options.onCrash?.(report));
    });
  };

  const stopChild = (service: RunningService) =>
    new Promise<void>((done) => {
      const child = service.child;
      if (!child || child.exitCode !== null) return done();
      (child as ChildProcess & { expectedExit?: boolean }).expectedExit = true;
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        done();
      });
      child.kill("SIGTERM");
    });

  const system: RunningSystem = {
    dataDir,
    credentialsPath,
    services,
    urls: Object.fromEntries([...services].map(([name, s]) => [name, s.url])),
    async stopService(name) {
      const service = mustGet(services, name);
      await stopChild(service);
      service.child = undefined;
    },
    async startService(name) {
      const service = mustGet(services, name);
      if (service.child) return;
      launch(service);
      await waitHealthy(service, options.minStartupSeconds);
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      // Stop the highest tier first, so that no service sees its dependencies vanish while it works.
      const byTier = [...services.values()].sort((a, b) => b.declaration.tier - a.declaration.tier);
      for (const service of byTier) await stopChild(service);
      await Promise.all(proxies.map((proxy) => new Promise((done) => proxy.close(done))));
    },
  };

  const tiers = [...new Set([...services.values()].map((s) => s.declaration.tier))].sort((a, b) => a - b);
  try {
    for (const tier of tiers) {
      const inTier = [...services.values()].filter((s) => s.declaration.tier === tier);
      for (const service of inTier) launch(service);
      await Promise.all(inTier.map((service) => waitHealthy(service, options.minStartupSeconds)));
    }
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}

function mustGet(services: Map<string, RunningService>, name: string): RunningService {
  const service = services.get(name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}

/** The declared start-up allowance, raised to the caller's minimum. */
export function startupAllowanceSeconds(declared: number, minimum = 0): number {
  return Math.max(declared, minimum);
}

async function waitHealthy(service: RunningService, minStartupSeconds?: number): Promise<void> {
  const allowance = startupAllowanceSeconds(service.declaration.startupSeconds, minStartupSeconds);
  const deadline = Date.now() + allowance * 1000;
  const healthUrl = `${service.directUrl}${service.declaration.healthPath}`;
  while (Date.now() < deadline) {
    if (!service.child) {
      throw new Error(
        `${service.declaration.name} exited during start-up. Last lines of ${service.logPath}:\n${service.recentLines
          .slice(-15)
          .join("\n")}`,
      );
    }
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${service.declaration.name} did not answer ${healthUrl} within ${allowance} s. ` +
      `Last lines of ${service.logPath}:\n${service.recentLines.slice(-15).join("\n")}`,
  );
}
