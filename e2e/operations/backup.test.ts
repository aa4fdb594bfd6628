/**
 * An online backup taken while writers in other processes keep committing (logins: a session and its audit row;
 * providers' usage reports) into the PF's database, restored into a fresh data directory: every row acknowledged
 * before the backup started is there, and every database passes PRAGMA integrity_check.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processesUsing, restoreBackup, takeBackup, verifyBackup } from "./backup.ts";

const root = join(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "catv-backup-"));
const dataDir = join(work, "data");
const writers: ChildProcess[] = [];
const acked: string[] = [];
let ackedBeforeBackup: string[] = [];
let ackedDuringBackup = 0;
let folder: string;
let restored: string;

function createPfDatabase(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const migrations = join(root, "pf-server", "drizzle", "pf");
  for (const sql of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    db.exec(readFileSync(join(migrations, sql), "utf8"));
  }
  db.close();
}

function startWriter(kind: "logins" | "usage") {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "testing", "acknowledging-writer.ts"), join(dataDir, "pf.sqlite"), kind],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("ack ")) acked.push(line.slice(4));
  });
  writers.push(child);
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

beforeAll(async () => {
  mkdirSync(join(dataDir, "keys", "signing"), { recursive: true });
  createPfDatabase(join(dataDir, "pf.sqlite"));
  // A second service's database, idle, and the files beside the databases.
  new Database(join(dataDir, "console.sqlite")).exec(
    "CREATE TABLE households (id TEXT PRIMARY KEY); INSERT INTO households VALUES ('h-1')",
  );
  writeFileSync(join(dataDir, "keys", "signing", "pf-test.jwk.json"), '{"kty":"EC"}\n', { mode: 0o600 });
  writeFileSync(join(dataDir, "demo-credentials.json"), "{}\n");
  mkdirSync(join(dataDir, "logs"));
  writeFileSync(join(dataDir, "logs", "pf.log"), "not state\n");

  startWriter("logins");
  startWriter("usage");
  await until(() => acked.length >= 300);
  ackedBeforeBackup = [...acked];
  folder = takeBackup(dataDir, join(work, "backups"));
  // The writers went on during the backup (their acknowledgements waited in the pipe meanwhile).
  await until(() => acked.length > ackedBeforeBackup.length + 50);
  ackedDuringBackup = acked.length - ackedBeforeBackup.length;
  for (const child of writers) child.kill("SIGKILL");
  await Promise.all(writers.map((child) => new Promise((resolve) => child.once("exit", resolve))));
  restored = join(work, "restored");
  restoreBackup(folder, restored);
}, 120_000);

afterAll(() => {
  for (const child of writers) child.kill("SIGKILL");
});

describe("backup under load and restore", () => {
  it("loses nothing acknowledged before the backup started", () => {
    const db = new Database(join(restored, "pf.sqlite"), { readonly: true });
    const sessions = new Set(db.prepare("SELECT id FROM sessions").pluck().all() as string[]);
    const audited = new Set(db.prepare("SELECT request_id FROM audit_events").pluck().all() as string[]);
    const usage = new Set(db.prepare("SELECT id FROM usage_records").pluck().all() as string[]);
    db.close();
    const missing = ackedBeforeBackup.filter((id) =>
      id.startsWith("logins-") ? !(sessions.has(id) && audited.has(id)) : !usage.has(id),
    );
    expect(ackedBeforeBackup.length).toBeGreaterThanOrEqual(300);
    expect(ackedDuringBackup).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it("restores databases that pass PRAGMA integrity_check", () => {
    for (const file of ["pf.sqlite", "console.sqlite"]) {
      const db = new Database(join(restored, file), { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    }
  });

  it("carries the key files and credentials, and leaves the logs out", () => {
    expect(readFileSync(join(restored, "keys", "signing", "pf-test.jwk.json"), "utf8")).toBe(
      '{"kty":"EC"}\n',
    );
    expect(existsSync(join(restored, "demo-credentials.json"))).toBe(true);
    expect(existsSync(join(folder, "logs"))).toBe(false);
  });

  it("writes a manifest whose checksums match every file", () => {
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
    expect(manifest.databases.map((d: { file: string }) => d.file).sort()).toEqual([
      "console.sqlite",
      "pf.sqlite",
    ]);
    expect(verifyBackup(folder)).toEqual([]);
  });

  it("refuses a backup whose file no longer matches its checksum", () => {
    const copy = join(work, "tampered");
    restoreBackup(folder, copy);
    const tampered = takeBackup(copy, join(work, "tampered-backups"));
    writeFileSync(join(tampered, "demo-credentials.json"), '{"changed":true}\n');
    expect(verifyBackup(tampered)).toEqual(["demo-credentials.json does not match its checksum"]);
    expect(() => restoreBackup(tampered, join(work, "never"))).toThrow(/not whole/);
  });

  it("refuses to restore while a service holds a database open", async () => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, "testing", "acknowledging-writer.ts"), join(restored, "pf.sqlite"), "usage"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    writers.push(child);
    await new Promise((resolve) => child.stdout?.once("data", resolve));
    expect(processesUsing(restored).map((p) => p.pid)).toContain(child.pid);
    expect(() => restoreBackup(folder, restored)).toThrow(/services are running/);
    child.kill("SIGKILL");
  });
});
