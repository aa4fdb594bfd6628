import { describeInsurerStoreContract } from "./insurer-store.contract.ts";
import { openInsurerDb } from "./open-insurer-db.ts";

describeInsurerStoreContract("SQLite", async () => {
  const opened = openInsurerDb(":memory:");
  return {
    store: opened.store,
    replayStore: opened.replayStore,
    peer: async () => opened.store,
    close: async () => opened.close(),
  };
});
