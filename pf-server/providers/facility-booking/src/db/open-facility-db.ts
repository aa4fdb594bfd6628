/**
 * @module Opens the facility provider's database (`$CATV_DATA_DIR/facility.sqlite`) with its migrations applied.
 */
import { fileURLToPath } from "node:url";
import { type OpenedDatabase, openDatabase } from "@catv/service-kit";
import * as schema from "./schema.ts";

export type FacilityDb = OpenedDatabase<typeof schema>["db"];
export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export function openFacilityDb(file: string): OpenedDatabase<typeof schema> {
  return openDatabase({ file, schema, migrationsFolder });
}
