import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPostgres } from "./open-postgres.ts";
import * as schema from "./test-fixtures/notes-schema.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

const migrationsFolder = fileURLToPath(new URL("./test-fixtures/drizzle", import.meta.url));

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

async function appliedMigrations(url: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query<{ count: string }>("SELECT count(*) FROM drizzle.__drizzle_migrations");
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe("openPostgres", () => {
  it("applies the drizzle-kit migrations, after which drizzle reads and writes the schema", async () => {
    const opened = await openPostgres({ url: database.url, schema, migrationsFolder });
    try {
      await opened.db.insert(schema.notes).values({ key: "a", body: "first" });
      const rows = await opened.db.select().from(schema.notes).where(eq(schema.notes.key, "a"));
      expect(rows.map((row) => row.body)).toEqual(["first"]);
      expect(rows[0]?.createdAt).toBeInstanceOf(Date);
    } finally {
      await opened.close();
    }
  });

  it("applies each migration once when two instances start at the same moment", async () => {
    const [first, second] = await Promise.all([
      openPostgres({ url: database.url, schema, migrationsFolder }),
      openPostgres({ url: database.url, schema, migrationsFolder }),
    ]);
    await Promise.all([first.close(), second.close()]);
    expect(await appliedMigrations(database.url)).toBe(1);
  });

  it("leaves an already migrated database and its rows as they are when opened again", async () => {
    const first = await openPostgres({ url: database.url, schema, migrationsFolder });
    await first.db.insert(schema.notes).values({ key: "kept", body: "still here" });
    await first.close();
    const again = await openPostgres({ url: database.url, schema, migrationsFolder });
    try {
      expect(await again.db.select({ key: schema.notes.key }).from(schema.notes)).toEqual([{ key: "kept" }]);
      expect(await appliedMigrations(database.url)).toBe(1);
    } finally {
      await again.close();
    }
  });
});

describe("a connection lost while a transaction holds it", () => {
  it("fails that transaction and leaves the process running and the pool serving", async () => {
    const lost: string[] = [];
    const opened = await openPostgres({
      url: database.url,
      schema,
      migrationsFolder,
      logger: { warn: (_msg, fields) => lost.push(String(fields?.code)) },
    });
    const killer = new pg.Client(database.url);
    await killer.connect();
    try {
      const transaction = opened.db.transaction(async (tx) => {
        await tx.insert(schema.notes).values({ key: "cut", body: "never committed" });
        const { rows } = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        await killer.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
        // Between two statements, as when a use case awaits a signature: the server's goodbye reaches an
        // idle checked-out connection, which node-postgres emits as an 'error' event, not a rejected query.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.insert(schema.notes).values({ key: "after", body: "never committed" });
      });
      await expect(transaction).rejects.toThrow();
      expect(lost).toContain("57P01");
      await opened.db.insert(schema.notes).values({ key: "next", body: "served" });
      expect(
        (await opened.db.select({ key: schema.notes.key }).from(schema.notes)).map((r) => r.key),
      ).toEqual(["next"]);
    } finally {
      await killer.end();
      await opened.close();
    }
  });
});
