/**
 * @module Starts every system of the product as its own process, the way `npm start` and the e2e suite do, and
 * supervises them.
 *
 * Order: run each package's prepare script (e.g. the TV app's production build), then start the services
 * tier by tier, waiting for each health check before the next tier (a service run as several instances starts
 * its first instance, healthy, before the others). Once a service has answered its health
 * check it is supervised: if it dies on its own it is reported (name, exit, last log lines) and started again
 * after a back-off — 1 s, doubling up to 30 s, back to 1 s once a run has stayed up 60 s — while the others
 * keep running. A service stopped on purpose (`stopService`, `stop`) is not restarted. Stopping sends SIGTERM,
 * which every service answers by draining (`@catv/service-kit/graceful-shutdown`), and waits for the exit.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { appendFileSync, createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { ensureDemoCredentials } from "./demo-credentials.ts";
import { startRecordingProxy } from "./recording-proxy.ts";
import { startRoundRobinProxy } from "./round-robin-proxy.ts";
import { ensureServiceDatabases } from "./service-databases.ts";
import { discoverServices, type ServiceDeclaration, urlEnvName } from "./services.ts";

export interface StartOptions {
  /** Directory for every service's SQLite file, logs and the demo credentials. */
  dataDir: string;
  /** Added to every default port (e2e runs use an offset so a developer's `npm start` can keep running). */
  portOffset?: number;
  /** Extra environment for every child (a port variable set here wins over the default and the offset). */
  env?: Record<string, string>;
  /** Echo children's output to this process's stdout, prefixed with the service name. */
  echo?: boolean;
  /** Skip the packages' prepare scripts (the caller has already built). */
  skipPrepare?: boolean;
  /**
   * Start only these services (tests of the launcher). Every declared service still gets its port and URL
   * variable, so a service never falls back to a default port where another system may listen.
   */
  only?: string[];
  /**
   * Put a recording proxy in front of every service (port + 100) and give every process the proxies' URLs,
   * so every HTTP exchange between systems is kept under `<dataDir>/http-capture/` for the privacy scan.
   */
  recordHttp?: boolean;
  /** Called when a supervised child dies on its own; it is started again after `restartInMs`. */
  onCrash?: (report: CrashReport) => void;
  /** Called when a restarted child answers its health check again (or fails to, and is killed for another try). */
  onRestart?: (report: RestartReport) => void;
  /** Back-off of the restarts (defaults: 1 s doubling to 30 s, reset after 60 s up). */
  supervision?: Partial<SupervisionPolicy>;
  /**
   * Waits at least this long for every health check, whatever a service declares: on a busy 2-core CI machine
   * a first-run seed can take several times longer than on a developer's laptop.
   */
  minStartupSeconds?: number;
  /**
   * PostgreSQL for every service that keeps data (declared `database: true`): one database each, `catv_<name>`,
   * created on this server when missing and given to the service as `DATABASE_URL`. Without it every service
   * keeps its embedded SQLite file.
   */
  postgres?: { adminUrl: string };
  /**
   * Instances of a service run behind a round-robin proxy on the service's port (e.g. `{ pf: 2 }`), each on
   * its own port (the service's + 200 + i) and supervised on its own as `<name>-<i>`. One instance by default.
   */
  instances?: Record<string, number>;
  /**
   * The instances' own ports, by service (e.g. `{ pf: [41201, 41202] }`), over the default (the service's port
   * + 200 + i): a test gives ports the system reported free, as it does for the services' own.
   */
  instancePorts?: Record<string, number[]>;
}

export interface SupervisionPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** A run that stayed up this long resets the back-off to `initialDelayMs`. */
  stableMs: number;
}

export const defaultSupervision: SupervisionPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableMs: 60_000,
};

export interface CrashReport {
  service: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  lastLogLines: string[];
  /** Restarts of this service before this crash. */
  restarts: number;
  restartInMs: number;
}

export interface RestartReport {
  service: string;
  /** Restarts of this service so far, this one included. */
  restarts: number;
  healthy: boolean;
  error?: string;
}

export interface RunningService {
  /** The declaration's name, or `<name>-<i>` for one of several instances. */
  name: string;
  declaration: ServiceDeclaration;
  /** Environment of this process over the system's (its own port, its database). */
  env: Record<string, string>;
  packageDir: string;
  /** The URL every other process uses (the recording proxy's in a recorded run). */
  url: string;
  /** The service's own listener. */
  directUrl: string;
  port: number;
  logPath: string;
  child: ChildProcess | undefined;
  recentLines: string[];
  /** Restarted by the supervisor when it dies on its own (false before its first health check, and once stopped on purpose). */
  supervised: boolean;
  restarts: number;
  /** How an earlier process of this service ended (the last one to exit). */
  lastExit: { exitCode: number | null; signal: NodeJS.Signals | null } | undefined;
}

export interface RunningSystem {
  dataDir: string;
  urls: Record<string, string>;
  credentialsPath: string;
  services: Map<string, RunningService>;
  /** Stops one service (for journeys where a system is down), leaving the rest running; it is not restarted. */
  stopService(name: string): Promise<void>;
  /** Starts a stopped service again and waits for its health check; it is supervised again. */
  startService(name: string): Promise<void>;
  stop(): Promise<void>;
}

const RECENT_LINES = 40;
const PROXY_PORT_OFFSET = 100;
const INSTANCE_PORT_OFFSET = 200;
/** A service drains for up to CATV_SHUTDOWN_DRAIN_MS (10 s by default); SIGKILL only well after that. */
const KILL_GRACE_MS = 5_000;

/** The supervisor's next wait: doubles from the initial delay up to the cap, back to the start after a stable run. */
export function nextRestartDelayMs(
  previousDelayMs: number | undefined,
  upForMs: number,
  policy: SupervisionPolicy = defaultSupervision,
): number {
  if (previousDelayMs === undefined || upForMs >= policy.stableMs) return policy.initialDelayMs;
  return Math.min(previousDelayMs * 2, policy.maxDelayMs);
}

interface Supervision {
  timer: NodeJS.Timeout | undefined;
  delayMs: number | undefined;
  /** When the current process answered its health check (undefined while starting). */
  healthySince: number | undefined;
}

export async function startSystem(options: StartOptions): Promise<RunningSystem> {
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const credentialsPath = join(dataDir, "demo-credentials.json");
  const { credentials } = ensureDemoCredentials(credentialsPath);
  const policy: SupervisionPolicy = { ...defaultSupervision, ...options.supervision };
  const supervisorLog = join(logDir, "launcher.log");
  const record = (level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>) =>
    appendFileSync(
      supervisorLog,
      `${JSON.stringify({ time: new Date().toISOString(), level, service: "launcher", msg, ...fields })}\n`,
    );

  const packages = discoverServices();
  const services = new Map<string, RunningService>();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CATV_DATA_DIR: dataDir,
    CATV_LOG_DIR: logDir,
    CATV_DEMO_CREDENTIALS: credentialsPath,
    CATV_METRICS_TOKEN: credentials.metricsToken,
    ...options.env,
  };
  const killAfterMs = (Number(env.CATV_SHUTDOWN_DRAIN_MS) || 10_000) + KILL_GRACE_MS;
  /** Each declared service's own port (a balancer's when it has several instances), for the recording proxies. */
  const endpoints: { name: string; port: number }[] = [];
  const balanced: { name: string; port: number; instancePorts: number[] }[] = [];
  const databases: string[] = [];
  for (const pkg of packages) {
    for (const declaration of pkg.services) {
      const port = Number(env[declaration.portEnv] ?? declaration.defaultPort + (options.portOffset ?? 0));
      const directUrl = `http://127.0.0.1:${port}`;
      const url = options.recordHttp ? `http://127.0.0.1:${port + PROXY_PORT_OFFSET}` : directUrl;
      env[declaration.portEnv] = String(port);
      env[urlEnvName(declaration.name)] = url;
      if (options.only && !options.only.includes(declaration.name)) continue;
      endpoints.push({ name: declaration.name, port });
      if (options.postgres && declaration.database) databases.push(declaration.name);
      const count = Math.max(1, options.instances?.[declaration.name] ?? 1);
      const instancePorts =
        count === 1
          ? [port]
          : [...Array(count).keys()].map(
              (i) => options.instancePorts?.[declaration.name]?.[i] ?? port + INSTANCE_PORT_OFFSET + i,
            );
      if (count > 1) balanced.push({ name: declaration.name, port, instancePorts });
      instancePorts.forEach((instancePort, i) => {
        const name = count === 1 ? declaration.name : `${declaration.name}-${i + 1}`;
        services.set(name, {
          name,
          declaration,
          env: { [declaration.portEnv]: String(instancePort) },
          packageDir: pkg.packageDir,
          url,
          directUrl: `http://127.0.0.1:${instancePort}`,
          port: instancePort,
          logPath: join(logDir, `${name}.log`),
          child: undefined,
          recentLines: [],
          supervised: false,
          restarts: 0,
          lastExit: undefined,
        });
      });
    }
  }
  if (options.postgres) {
    const urls = await ensureServiceDatabases(options.postgres.adminUrl, databases);
    for (const service of services.values()) {
      const databaseUrl = urls.get(service.declaration.name);
      if (databaseUrl) service.env.DATABASE_URL = databaseUrl;
    }
  }
  for (const name of options.only ?? [])
    if (!endpoints.some((e) => e.name === name)) throw new Error(`no service named ${name}`);
  const supervision = new Map<string, Supervision>(
    [...services.keys()].map((name) => [
      name,
      { timer: undefined, delayMs: undefined, healthySince: undefined },
    ]),
  );

  if (!options.skipPrepare) {
    for (const pkg of packages) {
      if (!pkg.prepareScript || !pkg.services.some((s) => services.has(s.name))) continue;
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
    for (const endpoint of endpoints) {
      proxies.push(
        await startRecordingProxy({
          service: endpoint.name,
          listenPort: endpoint.port + PROXY_PORT_OFFSET,
          targetPort: endpoint.port,
          capturePath: join(captureDir, `${endpoint.name}.jsonl`),
        }),
      );
    }
  }
  for (const group of balanced) {
    proxies.push(
      await startRoundRobinProxy({
        service: group.name,
        listenPort: group.port,
        targetPorts: group.instancePorts,
      }),
    );
  }

  let stopping = false;
  const logs = new Map<string, WriteStream>();
  /** Children being stopped on purpose: their exit is no crash. */
  const expectedExits = new WeakSet<ChildProcess>();

  const launch = (service: RunningService) => {
    const log = createWriteStream(service.logPath, { flags: "a" });
    logs.set(service.name, log);
    const child = spawn(process.execPath, [service.declaration.entry], {
      cwd: service.packageDir,
      env: { ...env, ...service.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    service.child = child;
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        service.recentLines.push(line);
        if (service.recentLines.length > RECENT_LINES) service.recentLines.shift();
        if (options.echo) process.stdout.write(`[${service.name}] ${line}\n`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (exitCode, signal) => {
      log.end();
      service.lastExit = { exitCode, signal };
      if (service.child !== child) return;
      service.child = undefined;
      if (stopping || expectedExits.has(child) || !service.supervised) return;
      scheduleRestart(service, exitCode, signal);
    });
  };

  const scheduleRestart = (
    service: RunningService,
    exitCode: number | null,
    signal: NodeJS.Signals | null,
  ) => {
    const name = service.name;
    const state = mustGet(supervision, name);
    const upForMs = state.healthySince === undefined ? 0 : Date.now() - state.healthySince;
    state.delayMs = nextRestartDelayMs(state.delayMs, upForMs, policy);
    state.healthySince = undefined;
    const report: CrashReport = {
      service: name,
      exitCode,
      signal,
      lastLogLines: service.recentLines.slice(-15),
      restarts: service.restarts,
      restartInMs: state.delayMs,
    };
    record("error", "service exited unexpectedly; restarting", {
      crashed: name,
      exitCode,
      signal,
      restartInMs: state.delayMs,
      restarts: service.restarts,
    });
    options.onCrash?.(report);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (stopping || !service.supervised || service.child) return;
      service.restarts += 1;
      launch(service);
      waitHealthy(service, options.minStartupSeconds).then(
        () => {
          state.healthySince = Date.now();
          record("info", "service restarted", { restarted: name, restarts: service.restarts });
          options.onRestart?.({ service: name, restarts: service.restarts, healthy: true });
        },
        (error: Error) => {
          const message = error.message.split("\n")[0] ?? "";
          record("error", "restarted service is not healthy", { restarted: name, error: message });
          options.onRestart?.({ service: name, restarts: service.restarts, healthy: false, error: message });
          // Still running but not answering: kill it, which counts as the next crash (with a longer wait).
          service.child?.kill("SIGKILL");
        },
      );
    }, state.delayMs);
  };

  const cancelRestart = (name: string) => {
    const state = mustGet(supervision, name);
    clearTimeout(state.timer);
    state.timer = undefined;
  };

  const stopChild = (service: RunningService) =>
    new Promise<void>((done) => {
      const child = service.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      expectedExits.add(child);
      const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
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
    urls: Object.fromEntries([...services.values()].map((s) => [s.declaration.name, s.url])),
    async stopService(name) {
      const service = mustGet(services, name);
      service.supervised = false;
      cancelRestart(name);
      await stopChild(service);
      service.child = undefined;
    },
    async startService(name) {
      const service = mustGet(services, name);
      cancelRestart(name);
      if (!service.child) launch(service);
      await waitHealthy(service, options.minStartupSeconds);
      service.supervised = true;
      mustGet(supervision, name).healthySince = Date.now();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const name of services.keys()) cancelRestart(name);
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
      // A service's first instance starts alone: on a new data directory it makes what its instances share
      // there (the PF's signing-key token and key ring), which two processes must not both create at once.
      const later = inTier.filter((s) => s.name !== s.declaration.name && !s.name.endsWith("-1"));
      for (const group of [inTier.filter((s) => !later.includes(s)), later]) {
        for (const service of group) launch(service);
        await Promise.all(
          group.map(async (service) => {
            await waitHealthy(service, options.minStartupSeconds);
            service.supervised = true;
            mustGet(supervision, service.name).healthySince = Date.now();
          }),
        );
      }
    }
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}

function mustGet<T>(map: Map<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`no service named ${name}`);
  return value;
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
        `${service.name} exited during start-up. Last lines of ${service.logPath}:\n${service.recentLines
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
    `${service.name} did not answer ${healthUrl} within ${allowance} s. ` +
      `Last lines of ${service.logPath}:\n${service.recentLines.slice(-15).join("\n")}`,
  );
}
