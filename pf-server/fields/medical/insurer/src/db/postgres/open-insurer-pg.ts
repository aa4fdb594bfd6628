/**
 * @module Opens the insurers' PostgreSQL database (`DATABASE_URL=postgres://…`) with its drizzle-kit migrations
 * (`drizzle/pg/`) applied (`@catv/postgres`), and puts the asynchronous store of domain/ports.ts in front of it: the
 * kit's `pgStore` (SERIALIZABLE transactions, run again on a serialization failure) and the kit's replay guard over
 * `used_assertions`, shared by every instance.
 */
import { fileURLToPath } from "node:url";
import { openPostgres } from "@catv/postgres";
import { pgReplayStore, pgStore } from "@catv/provider-kit/postgres";
import type { Logger, ReplayStore } from "@catv/service-kit";
import type pg from "pg";
import type { Store } from "../../domain/ports.ts";
import { createPgRepositories } from "./pg-repositories.ts";
import * as schema from "./schema.ts";

export const pgMigrationsFolder = fileURLToPath(new URL("../../../drizzle/pg", import.meta.url));

export interface InsurerPostgres {
  store: Store;
  replayStore: ReplayStore;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** @example const { store, close } = await openInsurerPg(process.env.DATABASE_URL); */
export async function openInsurerPg(url: string, logger?: Logger): Promise<InsurerPostgres> {
  const opened = await openPostgres({
    url,
    schema,
    migrationsFolder: pgMigrationsFolder,
    applicationName: "medical-insurer",
    ...(logger ? { logger } : {}),
  });
  const store = pgStore(opened.db, createPgRepositories);
  return {
    store: { ...store.outside, transaction: store.transaction },
    replayStore: pgReplayStore(opened.db),
    pool: opened.pool,
    close: opened.close,
  };
}
