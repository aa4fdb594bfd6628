import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PfStore } from "../repositories.ts";
import { describePfStoreContract } from "../store.contract.ts";
import { createSqliteStore } from "./sqlite-store.ts";

// The store's one suite, against SQLite: a fresh file per test, so a second store can open it as another
// connection would (the races between "instances" go through SQLite's own locking).
describePfStoreContract("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pf-store-"));
  const file = join(dir, "pf.sqlite");
  const stores: PfStore[] = [createSqliteStore(file)];
  return {
    store: stores[0] as PfStore,
    another: async () => {
      const other = createSqliteStore(file);
      stores.push(other);
      return other;
    },
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
