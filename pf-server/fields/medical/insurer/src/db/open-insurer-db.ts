/**
 * @module Opens the insurers' database with its migrations applied (service-kit's opener: WAL, foreign keys, busy
 * timeout) and puts the asynchronous store of domain/ports.ts in front of it, with the replay guard's table behind
 * the same gate.
 */
import { fileURLToPath } from "node:url";
import { sqliteGate } from "@catv/provider-kit/sqlite";
import type { ReplayStore } from "@catv/service-kit";
import { openDatabase } from "@catv/service-kit";
import type { Repositories, Store } from "../domain/ports.ts";
import * as schema from "./schema.ts";
import { createSqliteReplayStore, createSqliteRepositories } from "./sqlite-repositories.ts";

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface InsurerDatabase {
  store: Store;
  replayStore: ReplayStore;
  /** True when this open created the database (the demo seed runs then). */
  created: boolean;
  close(): void;
}

/** @example const { store, close } = openInsurerDb(":memory:"); */
export function openInsurerDb(file: string): InsurerDatabase {
  const opened = openDatabase({ file, schema, migrationsFolder, fileMode: 0o600 });
  const gate = sqliteGate(opened.sqlite);
  const repositories = createSqliteRepositories(opened.db);
  const store: Store = {
    ...gate.outside<Repositories>(repositories),
    transaction: <T>(work: (tx: Repositories) => Promise<T>) =>
      gate.transaction<Repositories, T>(repositories, work),
  };
  return {
    store,
    replayStore: gate.outside<ReplayStore>(createSqliteReplayStore(opened.db)),
    created: opened.created,
    close: opened.close,
  };
}
