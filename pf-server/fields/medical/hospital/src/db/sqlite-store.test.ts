import { describeHospitalStoreContract } from "./hospital-store.contract.ts";
import { openHospitalDb } from "./open-hospital-db.ts";
import { sqliteHospitalStore } from "./sqlite-store.ts";

describeHospitalStoreContract("SQLite", async () => {
  const { sqlite, db } = openHospitalDb(":memory:");
  const store = sqliteHospitalStore(sqlite, db);
  return {
    store,
    peer: async () => store,
    close: async () => {
      sqlite.close();
    },
  };
});
