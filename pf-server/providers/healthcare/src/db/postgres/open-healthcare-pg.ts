/**
 * @module Opens the healthcare provider's PostgreSQL database (`DATABASE_URL=postgres://…`) with its drizzle-kit
 * migrations (`drizzle/pg/`) applied, through `@catv/postgres`.
 */
import { fileURLToPath } from "node:url";
import { type OpenedPostgres, openPostgres } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import * as schema from "./schema.ts";

export const pgMigrationsFolder = fileURLToPath(new URL("../../../drizzle/pg", import.meta.url));

export function openHealthcarePg(url: string, logger?: Logger): Promise<OpenedPostgres<typeof schema>> {
  return openPostgres({
    url,
    schema,
    migrationsFolder: pgMigrationsFolder,
    applicationName: "healthcare",
    ...(logger ? { logger } : {}),
  });
}
