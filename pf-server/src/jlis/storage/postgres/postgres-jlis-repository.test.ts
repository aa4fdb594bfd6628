import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { afterAll, beforeAll } from "vitest";
import { describeJlisRepositoryContract } from "../jlis-repository.contract.ts";
import { openPostgresJlisDatabase } from "./postgres-jlis-repository.ts";

// The J-LIS repository's one suite, against PostgreSQL: one database for the file, emptied before each test.
let database: TestDatabase;
let opened: Awaited<ReturnType<typeof openPostgresJlisDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
  opened = await openPostgresJlisDatabase(database.url);
});
afterAll(async () => {
  await opened.close();
  await database.drop();
});

describeJlisRepositoryContract("PostgreSQL", async () => {
  await opened.opened.pool.query(
    "TRUNCATE residents, certificates, ca_keys, crls, verifiers, verifier_usage",
  );
  return { repository: opened.repository, close: async () => {} };
});
