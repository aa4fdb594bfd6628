import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Counters, type CountersStore, describeStoreSemantics } from "../store-semantics.contract.ts";
import { type PgExecutor, pgStore } from "./pg-store.ts";

const counters = pgTable("counters", { name: text("name").primaryKey(), value: integer("value").notNull() });
const schema = { counters };

let database: TestDatabase;
let pool: pg.Pool;
let db: PgExecutor<typeof schema>;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url });
  await pool.query("CREATE TABLE counters (name text PRIMARY KEY, value integer NOT NULL)");
  db = drizzle({ client: pool, schema });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

function countersRepository(db: PgExecutor<typeof schema>): Counters {
  return {
    counters: {
      async get(name) {
        const [row] = await db.select().from(counters).where(eq(counters.name, name));
        return row?.value;
      },
      async set(name, value) {
        await db
          .insert(counters)
          .values({ name, value })
          .onConflictDoUpdate({ target: counters.name, set: { value } });
      },
    },
  };
}

describeStoreSemantics("PostgreSQL", async () => {
  await pool.query("TRUNCATE counters");
  const store = pgStore(db, countersRepository);
  const countersStore: CountersStore = { ...store.outside, transaction: store.transaction };
  return { store: countersStore, close: async () => {} };
});

describe("the PostgreSQL store's retries", () => {
  it("gives up on a transaction that keeps failing to serialize after the attempts it was given", async () => {
    await pool.query("TRUNCATE counters");
    const store = pgStore(db, countersRepository, { maxAttempts: 2 });
    let runs = 0;
    const failure = Object.assign(new Error("could not serialize access"), { code: "40001" });
    await expect(
      store.transaction(async () => {
        runs += 1;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(runs).toBe(2);
  });

  it("does not run a transaction again for an error that is not a serialization failure", async () => {
    const store = pgStore(db, countersRepository);
    let runs = 0;
    await expect(
      store.transaction(async () => {
        runs += 1;
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(runs).toBe(1);
  });
});
