/**
 * @module Opens the hospital's database (`$CATV_DATA_DIR/hospital.sqlite`, or `:memory:` in tests) with its
 * migrations applied.
 */
import { fileURLToPath } from "node:url";
import { type OpenedDatabase, openDatabase } from "@catv/service-kit";
import * as schema from "./schema.ts";

export type HospitalDb = OpenedDatabase<typeof schema>["db"];
export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export function openHospitalDb(file: string): OpenedDatabase<typeof schema> {
  // The patient records are personal data: the file is the service's alone.
  return openDatabase({
    file,
    schema,
    migrationsFolder,
    ...(file === ":memory:" ? {} : { fileMode: 0o600 }),
  });
}
