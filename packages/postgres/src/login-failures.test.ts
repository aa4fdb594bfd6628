import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import {
  describeLoginFailuresContract,
  loginFailuresTableSql,
} from "@catv/service-kit/testing/login-failures";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createPgLoginFailures, loginFailures } from "./login-failures.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

let database: TestDatabase;
let pools: pg.Pool[];
let instances: LoginFailuresRepository[];
beforeAll(async () => {
  database = await createTestDatabase();
  // Two pools on one database, as two instances of a system have.
  pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
  await pools[0]?.query(loginFailuresTableSql);
  instances = pools.map((pool) => createPgLoginFailures(drizzle({ client: pool }), loginFailures));
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await database.drop();
});

describeLoginFailuresContract("PostgreSQL", async () => {
  await pools[0]?.query("TRUNCATE login_failures");
  const [failures, peer] = instances;
  if (!failures || !peer) throw new Error("the pools are not open");
  return { failures, peer };
});
