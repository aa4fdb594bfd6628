import { existsSync, readFileSync } from "node:fs";
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
});
