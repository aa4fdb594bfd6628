/**
 * @module Opens the healthcare provider's store on the database `DATABASE_URL` chose (config.ts): its SQLite file
 * (the default) or PostgreSQL, where several instances of the provider may share one database. What differs
 * between the two beyond the store is here too: the replay guard of PF assertions (one process's memory on SQLite,
 * a table every instance shares on PostgreSQL), how a lost connection reads (503 `service_unavailable`), and the
 * table-size metrics.
 */
import type { DatabaseChoice } from "@catv/postgres";
import { translateConnectionLoss } from "@catv/postgres";
import type { BaseAppOptions } from "@catv/provider-kit";
import { pgReplayStore } from "@catv/provider-kit/postgres";
import type { Logger, ReplayStore } from "@catv/service-kit";
import { registerSqliteTableMetrics, type ServiceMetrics } from "@catv/service-kit/metrics";
import type { HealthStore } from "../domain/ports.ts";
import { openHealthcareDb } from "./open-healthcare-db.ts";
import { openHealthcarePg } from "./postgres/open-healthcare-pg.ts";
import { pgHealthStore } from "./postgres/pg-health-store.ts";
import { sqliteHealthStore } from "./sqlite-health-store.ts";

export interface HealthDatabase {
  store: HealthStore;
  /** Where used PF-assertion IDs are kept; undefined: the verifier's in-memory default (one process). */
  replayStore: ReplayStore | undefined;
  translateError: BaseAppOptions["translateError"];
  registerMetrics(metrics: ServiceMetrics): void;
  close(): Promise<void>;
}

export async function openHealthStore(database: DatabaseChoice, logger: Logger): Promise<HealthDatabase> {
  if (database.kind === "postgres") {
    const opened = await openHealthcarePg(database.url, logger);
    return {
      store: pgHealthStore(opened.db),
      replayStore: pgReplayStore(opened.db),
      translateError: translateConnectionLoss,
      registerMetrics: () => {},
      close: opened.close,
    };
  }
  const { sqlite, db } = openHealthcareDb(database.file);
  return {
    store: sqliteHealthStore(sqlite, db),
    replayStore: undefined,
    translateError: undefined,
    registerMetrics: (metrics) => registerSqliteTableMetrics(metrics, sqlite, { database: "healthcare" }),
    close: async () => {
      sqlite.close();
    },
  };
}
