/**
 * @module Opens the hospital's store on the database `DATABASE_URL` chose (config.ts): `hospital.sqlite` (the
 * default, mode 0600) or PostgreSQL, where several instances may share one database. What differs beyond the store
 * is here too: where the used terminal-assertion IDs of the hospital's own routes are kept (this process's memory,
 * or a table every instance shares) and how a lost connection reads (503 `service_unavailable`).
 */
import { type DatabaseChoice, translateConnectionLoss } from "@catv/postgres";
import { type CodedError, type Logger, MemoryReplayStore, type ReplayStore } from "@catv/service-kit";
import type { HospitalStore } from "../domain/ports.ts";
import { openHospitalDb } from "./open-hospital-db.ts";
import { openHospitalPg } from "./postgres/open-hospital-pg.ts";
import { sqliteHospitalStore } from "./sqlite-store.ts";

export interface HospitalDatabase {
  store: HospitalStore;
  terminalReplay: ReplayStore;
  translateError: ((error: Error) => CodedError | undefined) | undefined;
  close(): Promise<void>;
}

export async function openHospitalStore(database: DatabaseChoice, logger: Logger): Promise<HospitalDatabase> {
  if (database.kind === "postgres") {
    const opened = await openHospitalPg(database.url, logger);
    return { ...opened, translateError: translateConnectionLoss };
  }
  const { sqlite, db } = openHospitalDb(database.file);
  return {
    store: sqliteHospitalStore(sqlite, db),
    terminalReplay: new MemoryReplayStore(),
    translateError: undefined,
    close: async () => {
      sqlite.close();
    },
  };
}
