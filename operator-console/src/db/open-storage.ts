/**
 * @module The console's storage as `DATABASE_URL` chooses it (`@catv/postgres`'s rule): SQLite (the default,
 * `console.sqlite`) or PostgreSQL, with what the process needs of either — the repositories, how a background job
 * is kept to one run at a time (a process-local flag for SQLite, whose file one console owns; an advisory lock
 * for PostgreSQL, which several consoles may share) and how to close it.
 */
import {
  type DatabaseChoice,
  type ExclusiveJobs,
  inProcessExclusiveJobs,
  postgresExclusiveJobs,
} from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import type { Repositories } from "../domain/repositories.ts";
import { openDatabase } from "./open-database.ts";
import { openConsolePostgres } from "./postgres/database.ts";
import { createPgRepositories } from "./postgres/repositories.ts";
import { createRepositories } from "./repositories.ts";

export interface ConsoleStorage {
  repos: Repositories;
  jobs: ExclusiveJobs;
  /** The SQLite file, for its table-size metrics; undefined on PostgreSQL. */
  sqliteFile: string | undefined;
  close(): Promise<void>;
}

export async function openStorage(
  choice: DatabaseChoice,
  logger: Pick<Logger, "warn">,
): Promise<ConsoleStorage> {
  if (choice.kind === "sqlite") {
    const db = openDatabase(choice.file);
    return {
      repos: createRepositories(db),
      jobs: inProcessExclusiveJobs(),
      sqliteFile: choice.file,
      close: async () => {
        db.$client.close();
      },
    };
  }
  const opened = await openConsolePostgres(choice.url, { logger });
  return {
    repos: createPgRepositories(opened.db),
    jobs: postgresExclusiveJobs(opened.pool),
    sqliteFile: undefined,
    close: () => opened.close(),
  };
}
