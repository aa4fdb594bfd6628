/**
 * @module `npm run backup` and `npm run restore`: the whole system's state, which is every service's SQLite
 * database in the data directory plus the files beside them (the PF's signing keys and SoftHSM2 token, card
 * images, demo credentials).
 *
 * Each database is copied with `VACUUM INTO` on a read-only connection of the backup's own: SQLite writes a
 * consistent snapshot of one read transaction (sqlite.org/lang_vacuum.html#vacuuminto), and in WAL mode that
 * read transaction blocks no writer, so the services run on. The online backup API (better-sqlite3's
 * `db.backup()`) copies page batches and starts over whenever another process writes between two batches, which
 * under steady logins can keep it from finishing; VACUUM INTO has no such restart and so no need for the
 * services to expose a backup endpoint. Every row a service committed before the backup began is in the copy.
 *
 * The key ring is copied under its lock (no rotation half-way through the copy). Logs are not state and stay out.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import Database from "better-sqlite3";

export interface BackupManifest {
  format: "catv-backup/1";
  startedAt: string;
  finishedAt: string;
  dataDir: string;
  databases: { file: string; integrity: "ok"; tables: number }[];
  files: { path: string; bytes: number; sha256: string }[];
}

/** Not state: logs are rewritten by each run, WAL and shared-memory files are part of their database. */
const SKIPPED = [/^logs(\/|$)/, /\.sqlite-(wal|shm|journal)$/, /\.lock$/, /\.tmp$/];
const KEY_RING_LOCK = join("keys", "signing-keys.json.lock");

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(root, path);
    return entry.isFile() ? [relative(root, path)] : [];
  });
}

const isDatabase = (path: string) => path.endsWith(".sqlite") && !path.includes("/");

function withKeyRingLock<T>(dataDir: string, work: () => T): T {
  const lock = join(dataDir, KEY_RING_LOCK);
  if (!existsSync(dirname(lock))) return work();
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx", 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function integrityOf(file: string): { ok: boolean; tables: number } {
  const db = new Database(file, { readonly: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    const tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
    ).n;
    return { ok: result === "ok", tables };
  } finally {
    db.close();
  }
}

/** Takes a backup of `dataDir` into a new timestamped folder under `backupsDir`; answers the folder. */
export function takeBackup(dataDir: string, backupsDir: string, now = () => new Date()): string {
  const startedAt = now().toISOString();
  const folder = join(
    resolve(backupsDir),
    `backup-${startedAt.replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}`,
  );
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const files = listFiles(dataDir).filter((path) => !SKIPPED.some((pattern) => pattern.test(path)));
  const databases: BackupManifest["databases"] = [];

  for (const file of files.filter(isDatabase)) {
    const source = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      source.prepare("VACUUM INTO ?").run(join(folder, file));
    } finally {
      source.close();
    }
    const { ok, tables } = integrityOf(join(folder, file));
    if (!ok) throw new Error(`the copy of ${file} fails PRAGMA integrity_check`);
    databases.push({ file, integrity: "ok", tables });
  }
  withKeyRingLock(dataDir, () => {
    for (const file of files.filter((path) => !isDatabase(path))) {
      mkdirSync(dirname(join(folder, file)), { recursive: true, mode: 0o700 });
      copyFileSync(join(dataDir, file), join(folder, file));
    }
  });

  const copied = listFiles(folder).map((path) => ({
    path,
    bytes: statSync(join(folder, path)).size,
    sha256: sha256(join(folder, path)),
  }));
  const manifest: BackupManifest = {
    format: "catv-backup/1",
    startedAt,
    finishedAt: now().toISOString(),
    dataDir: resolve(dataDir),
    databases,
    files: copied,
  };
  writeFileSync(join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(join(folder, "SHA256SUMS"), copied.map((f) => `${f.sha256}  ${f.path}\n`).join(""), {
    mode: 0o600,
  });
  return folder;
}

/** Checks a backup folder against its manifest; answers the problems (none when it is whole). */
export function verifyBackup(folder: string): string[] {
  const manifestPath = join(folder, "manifest.json");
  if (!existsSync(manifestPath)) return [`${folder} has no manifest.json: not a backup`];
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BackupManifest;
  if (manifest.format !== "catv-backup/1") return [`unknown backup format ${manifest.format}`];
  const problems: string[] = [];
  for (const file of manifest.files) {
    const path = join(folder, file.path);
    if (!existsSync(path)) problems.push(`${file.path} is missing`);
    else if (sha256(path) !== file.sha256) problems.push(`${file.path} does not match its checksum`);
  }
  for (const { file } of manifest.databases) {
    if (existsSync(join(folder, file)) && !integrityOf(join(folder, file)).ok) {
      problems.push(`${file} fails PRAGMA integrity_check`);
    }
  }
  return problems;
}

/** The processes (pid and command) that hold a database of `dataDir` open: a running service. Linux /proc. */
export function processesUsing(dataDir: string): { pid: number; command: string }[] {
  const databases = new Set(
    readdirSync(dataDir)
      .filter((f) => /\.sqlite(-wal|-shm)?$/.test(f))
      .map((f) => join(resolve(dataDir), f)),
  );
  const found: { pid: number; command: string }[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return databases.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      found.push({ pid: Number(pid), command });
    }
  }
  return found;
}

/**
 * Puts the backup in `folder` in place of `dataDir`'s state. Refuses while any process holds a database open
 * and when the backup fails its checksums; the state it replaces is moved aside, not deleted.
 * Answers where the replaced state went (undefined when the data directory did not exist).
 */
export function restoreBackup(folder: string, dataDir: string, now = () => new Date()): string | undefined {
  const problems = verifyBackup(folder);
  if (problems.length > 0) throw new Error(`the backup is not whole: ${problems.join("; ")}`);
  let replaced: string | undefined;
  if (existsSync(dataDir)) {
    const running = processesUsing(dataDir);
    if (running.length > 0) {
      throw new Error(
        `services are running on ${dataDir} (${running.map((p) => `pid ${p.pid}`).join(", ")}): stop them first`,
      );
    }
    replaced = `${resolve(dataDir)}.replaced-${now().toISOString().replaceAll(":", "-")}`;
    renameSync(dataDir, replaced);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as BackupManifest;
  for (const file of manifest.files) {
    mkdirSync(dirname(join(dataDir, file.path)), { recursive: true, mode: 0o700 });
    cpSync(join(folder, file.path), join(dataDir, file.path), { preserveTimestamps: true });
  }
  // Logs stay with the state they describe, beside it.
  if (replaced && existsSync(join(replaced, "logs")))
    cpSync(join(replaced, "logs"), join(dataDir, "logs"), { recursive: true });
  return replaced;
}

export const backupName = (folder: string) => basename(folder);
