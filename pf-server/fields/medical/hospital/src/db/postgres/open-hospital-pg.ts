/**
 * @module Opens the hospital's PostgreSQL database (`DATABASE_URL=postgres://…`) with its drizzle-kit migrations
 * (`drizzle/pg/`) applied (`@catv/postgres`): the store, and the shared replay guard of the hospital's own terminal
 * routes (the kit's `used_assertions` table).
 */
import { fileURLToPath } from "node:url";
import { openPostgres } from "@catv/postgres";
import { pgReplayStore } from "@catv/provider-kit/postgres";
import type { Logger, ReplayStore } from "@catv/service-kit";
import type { HospitalStore } from "../../domain/ports.ts";
import { pgHospitalStore } from "./pg-store.ts";
import * as schema from "./schema.ts";

export const pgMigrationsFolder = fileURLToPath(new URL("../../../drizzle/pg", import.meta.url));

export interface HospitalPostgres {
  store: HospitalStore;
  terminalReplay: ReplayStore;
  close(): Promise<void>;
}

export async function openHospitalPg(url: string, logger?: Logger): Promise<HospitalPostgres> {
  const opened = await openPostgres({
    url,
    schema,
    migrationsFolder: pgMigrationsFolder,
    applicationName: "hospital",
    ...(logger ? { logger } : {}),
  });
  return { store: pgHospitalStore(opened.db), terminalReplay: pgReplayStore(opened.db), close: opened.close };
}
