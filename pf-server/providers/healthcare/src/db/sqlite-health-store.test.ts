import { describeHealthStoreContract } from "./health-store.contract.ts";
import { openHealthcareDb } from "./open-healthcare-db.ts";
import { sqliteHealthStore } from "./sqlite-health-store.ts";

describeHealthStoreContract("SQLite", async () => {
  const { sqlite, db } = openHealthcareDb(":memory:");
  const store = sqliteHealthStore(sqlite, db);
  return {
    store,
    peer: async () => store,
    close: async () => {
      sqlite.close();
    },
  };
});
