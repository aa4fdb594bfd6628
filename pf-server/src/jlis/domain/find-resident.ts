/**
 * @module Looks a resident up or fails with `resident_not_found`.
 */
import { fail } from "../errors.ts";
import type { JlisRepository, ResidentRecord } from "../storage/jlis-repository.ts";

export async function findResidentOrFail(repo: JlisRepository, id: string): Promise<ResidentRecord> {
  return (await repo.findResident(id)) ?? fail("resident_not_found", "no resident with this ID");
}
