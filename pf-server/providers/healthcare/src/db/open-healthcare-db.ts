/**
 * @module Opens the healthcare provider's database (`$CATV_DATA_DIR/healthcare.sqlite`) with migrations applied.
 */
import { fileURLToPath } from "node:url";
import { type OpenedDatabase, openDatabase } from "@catv/service-kit";
import * as schema from "./schema.ts";

export type HealthDb = OpenedDatabase<typeof schema>["db"];
const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export function openHealthcareDb(file: string): OpenedDatabase<typeof schema> {
  return openDatabase({ file, schema, migrationsFolder });
}
