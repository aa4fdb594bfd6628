/**
 * @module 顧客管理's search: by 診察券番号 (with or without the hyphen; a number whose check digit fails finds
 * nothing), or by part of the name or カナ as the insurer answered them, optionally with the birth date. Each search is
 * audited by who searched, never by what was typed (it may be a name).
 */
import type { HospitalDeps } from "./deps.ts";
import type { Patient } from "./ports.ts";

export async function searchPatients(
  deps: HospitalDeps,
  query: { text?: string; birthDate?: string },
  actor: { loginId: string; requestId: string },
): Promise<Patient[]> {
  const found = await deps.store.patients.search({ ...query, limit: 100 });
  if (query.text || query.birthDate) {
    await deps.store.audit.append({
      at: deps.now().toISOString(),
      actor: actor.loginId,
      action: "records.search",
      patientNumber: null,
      requestId: actor.requestId,
    });
  }
  return found;
}
