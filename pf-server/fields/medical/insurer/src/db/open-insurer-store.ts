/**
 * @module Opens the insurers' store on the database `DATABASE_URL` chose (config.ts): `medical-insurer.sqlite`
 * (the default) or PostgreSQL, where several instances may share one database. What differs beyond the store is
 * here too: how the periodic pass (link states owed to the PF, expired sessions) is kept to one instance at a time
 * (PostgreSQL's advisory lock; a process-local flag for SQLite's one process), and how a lost connection reads
 * (503 `service_unavailable`).
 */
import {
  type DatabaseChoice,
  type ExclusiveJobs,
  inProcessExclusiveJobs,
  postgresExclusiveJobs,
  translateConnectionLoss,
} from "@catv/postgres";
import type { CodedError, Logger, ReplayStore } from "@catv/service-kit";
import type { Store } from "../domain/ports.ts";
import { openInsurerDb } from "./open-insurer-db.ts";
import { openInsurerPg } from "./postgres/open-insurer-pg.ts";

export interface InsurerStore {
  store: Store;
  replayStore: ReplayStore;
  jobs: ExclusiveJobs;
  translateError: ((error: Error) => CodedError | undefined) | undefined;
  close(): Promise<void>;
}

export async function openInsurerStore(database: DatabaseChoice, logger: Logger): Promise<InsurerStore> {
  if (database.kind === "postgres") {
    const opened = await openInsurerPg(database.url, logger);
    return {
      store: opened.store,
      replayStore: opened.replayStore,
      jobs: postgresExclusiveJobs(opened.pool),
      translateError: translateConnectionLoss,
      close: opened.close,
    };
  }
  const opened = openInsurerDb(database.file);
  return {
    store: opened.store,
    replayStore: opened.replayStore,
    jobs: inProcessExclusiveJobs(),
    translateError: undefined,
    close: async () => opened.close(),
  };
}
