import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeFacilityStoreContract } from "./facility-store.contract.ts";
import { openFacilityDb } from "./open-facility-db.ts";
import { sqliteFacilityStore } from "./sqlite-store.ts";

describeFacilityStoreContract("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "facility-db-"));
  const file = join(dir, "facility.sqlite");
  const opened = [openFacilityDb(file)];
  const store = sqliteFacilityStore(opened[0]!.sqlite, opened[0]!.db);
  return {
    store,
    async second() {
      const other = openFacilityDb(file);
      opened.push(other);
      return sqliteFacilityStore(other.sqlite, other.db);
    },
    peer: async () => store,
    async close() {
      for (const o of opened) o.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
