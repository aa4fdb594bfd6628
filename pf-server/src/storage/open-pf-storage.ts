/**
 * @module The PF's storage as `DATABASE_URL` chooses it (`@catv/postgres`'s rule): SQLite (the default,
 * `pf.sqlite` in the data folder) or PostgreSQL, with what the process needs of either — the store, the
 * administrator console's accounts, how a scheduled job is kept to one run at a time (a process-local flag for
 * SQLite, whose file one PF owns; an advisory lock for PostgreSQL, which several PF instances share) and how to
 * close it all.
 */
import {
  type DatabaseChoice,
  type ExclusiveJobs,
  inProcessExclusiveJobs,
  postgresExclusiveJobs,
} from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import type { AdminAccounts } from "../admin-console/domain/admin-accounts.ts";
import { createSqliteAdminAccounts } from "../admin-console/storage/sqlite-admin-accounts.ts";
import { createPgAdminAccounts } from "./postgres/admin-accounts.ts";
import { openPfPostgres } from "./postgres/database.ts";
import { createPostgresStore } from "./postgres/postgres-store.ts";
import type { PfStore } from "./repositories.ts";
import { createSqliteStore } from "./sqlite/sqlite-store.ts";

export interface PfStorage {
  kind: DatabaseChoice["kind"];
  store: PfStore;
  adminAccounts: AdminAccounts;
  jobs: ExclusiveJobs;
  /** The SQLite file, for its table-size metrics; undefined on PostgreSQL. */
  sqliteFile: string | undefined;
  close(): Promise<void>;
}

export async function openPfStorage(
  choice: DatabaseChoice,
  logger: Pick<Logger, "warn">,
): Promise<PfStorage> {
  if (choice.kind === "sqlite") {
    const store = createSqliteStore(choice.file);
    // A connection of its own (WAL): the console's reads never wait behind the store's transactions.
    const adminAccounts = createSqliteAdminAccounts(choice.file);
    return {
      kind: "sqlite",
      store,
      adminAccounts,
      jobs: inProcessExclusiveJobs(),
      sqliteFile: choice.file,
      close: async () => {
        adminAccounts.close();
        await store.close();
      },
    };
  }
  const opened = await openPfPostgres(choice.url, { logger });
  return {
    kind: "postgres",
    store: createPostgresStore(opened),
    adminAccounts: createPgAdminAccounts(opened.db),
    jobs: postgresExclusiveJobs(opened.pool),
    sqliteFile: undefined,
    close: () => opened.close(),
  };
}
