import { describeJlisRepositoryContract } from "./jlis-repository.contract.ts";
import { openJlisDatabase } from "./sqlite-jlis-repository.ts";

// The J-LIS repository's one suite, against SQLite: a fresh in-memory database per test.
describeJlisRepositoryContract("SQLite", async () => {
  const { repository, close } = openJlisDatabase(":memory:");
  return { repository, close };
});
