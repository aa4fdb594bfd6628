/**
 * @module The J-LIS simulator's database as `DATABASE_URL` chooses it (`@catv/postgres`'s rule): its SQLite file
 * `jlis.sqlite` (the default) or PostgreSQL. The simulator stays one process either way: its per-resident and
 * per-CA queues (`domain/resident-lock.ts`, `domain/publish-crl.ts`) are in memory.
 */
import type { DatabaseChoice } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import type { JlisRepository } from "./jlis-repository.ts";
import { openPostgresJlisDatabase } from "./postgres/postgres-jlis-repository.ts";
import { openJlisDatabase } from "./sqlite-jlis-repository.ts";

export interface OpenedJlisDatabase {
  repository: JlisRepository;
  /** True when the database was created by this open (seed demo data then). */
  created: boolean;
  close(): Promise<void>;
}

export async function openJlisStorage(
  choice: DatabaseChoice,
  logger?: Pick<Logger, "warn">,
): Promise<OpenedJlisDatabase> {
  if (choice.kind === "sqlite") return openJlisDatabase(choice.file);
  return openPostgresJlisDatabase(choice.url, logger ? { logger } : {});
}
