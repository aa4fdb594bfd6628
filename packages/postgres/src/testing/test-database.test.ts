import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./test-database.ts";

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("createTestDatabase", () => {
  it("gives each caller an empty database of its own", async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      await query(first.url, "CREATE TABLE only_in_first (id int)");
      const tables = await query<{ name: string }>(
        second.url,
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(first.name).not.toBe(second.name);
      expect(tables).toEqual([]);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it("copies a template database with its tables and rows", async () => {
    const template = await createTestDatabase();
    await query(template.url, "CREATE TABLE seeded (id int); INSERT INTO seeded VALUES (7)");
    const copy = await createTestDatabase({ template: template.name });
    try {
      expect(await query<{ id: number }>(copy.url, "SELECT id FROM seeded")).toEqual([{ id: 7 }]);
    } finally {
      await Promise.all([copy.drop(), template.drop()]);
    }
  });

  it("drops the database even while a session is still connected to it", async () => {
    const database = await createTestDatabase();
    const lingering = new pg.Client(database.url);
    lingering.on("error", () => {});
    await lingering.connect();
    await database.drop();
    const left = await query<{ count: string }>(
      database.url.replace(/\/[^/]+$/, "/postgres"),
      `SELECT count(*) FROM pg_database WHERE datname = '${database.name}'`,
    );
    await lingering.end().catch(() => {});
    expect(Number(left[0]?.count)).toBe(0);
  });
});
