import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { startPostgresForTests } from "./embedded-server.ts";

/** The real uid a process runs as, from /proc (Linux). */
function uidOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("Uid:"));
  return Number(line?.split(/\s+/)[1]);
}

describe("startPostgresForTests", () => {
  it("gives the project a real PostgreSQL server that answers SQL", async () => {
    const client = new pg.Client(inject("catvPostgresAdminUrl"));
    await client.connect();
    try {
      const result = await client.query<{ server_version_num: string }>("SHOW server_version_num");
      expect(Number(result.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });

  it("runs the server as an account that is not root, and removes its files when stopped", async () => {
    const server = await startPostgresForTests();
    const uid = uidOf(server.pid);
    const dataDir = readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0")[2] ?? "";
    await server.stop();
    expect(uid).not.toBe(0);
    expect(dataDir).toMatch(/catv-postgres-/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("restarts on the same port and data directory: committed rows are kept, an open connection is lost", async () => {
    const server = await startPostgresForTests();
    try {
      const before = new pg.Client(server.adminUrl);
      before.on("error", () => {});
      await before.connect();
      await before.query("CREATE TABLE kept (id int)");
      await before.query("INSERT INTO kept VALUES (1)");
      const firstPid = server.pid;
      await server.restart({ downForMs: 200 });
      const lost = await before.query("SELECT 1").then(
        () => "answered",
        () => "lost",
      );
      await before.end().catch(() => {});
      const after = new pg.Client(server.adminUrl);
      await after.connect();
      try {
        const rows = await after.query<{ id: number }>("SELECT id FROM kept");
        expect({ lost, rows: rows.rows, newPid: server.pid !== firstPid }).toEqual({
          lost: "lost",
          rows: [{ id: 1 }],
          newPid: true,
        });
      } finally {
        await after.end();
      }
    } finally {
      await server.stop();
    }
  });

  it("listens on 127.0.0.1 only", async () => {
    const client = new pg.Client(inject("catvPostgresAdminUrl"));
    await client.connect();
    try {
      const result = await client.query<{ listen_addresses: string }>("SHOW listen_addresses");
      expect(result.rows[0]?.listen_addresses).toBe("127.0.0.1");
    } finally {
      await client.end();
    }
  });

  it("stops the server and removes its files when the process that started it is killed", async () => {
    const starter = spawn(
      process.execPath,
      [fileURLToPath(new URL("./start-server-and-wait.fixture.ts", import.meta.url))],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const started = await new Promise<{ pid: number; dataDir: string }>((resolve, reject) => {
      let output = "";
      starter.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("\n")) resolve(JSON.parse(output) as { pid: number; dataDir: string });
      });
      starter.once("exit", (code) => reject(new Error(`the starter exited with ${code}`)));
    });
    starter.kill("SIGKILL");
    const alive = () => {
      try {
        process.kill(started.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // The guardian needs a moment to notice; waited for, not timed.
    for (let i = 0; i < 200 && (alive() || existsSync(started.dataDir)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(alive()).toBe(false);
    expect(existsSync(started.dataDir)).toBe(false);
  });
});
