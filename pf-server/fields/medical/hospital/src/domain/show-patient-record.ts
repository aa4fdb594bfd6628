/**
 * @module One patient's record (顧客管理): the 診察券番号, the identity and insurance as their insurer last answered
 * at this reception, and every visit with its checks, newest first. Opening a record is audited by 診察券番号.
 */
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";
import { normalisePatientNumber } from "./patient-number.ts";
import type { CheckRecord, Patient, Visit } from "./ports.ts";
import { effectiveState } from "./show-desk.ts";

export interface PatientRecord {
  patient: Patient;
  /** The latest check the PF answered for this patient (the insurance as it stands). */
  latestCheck: CheckRecord | undefined;
  visits: { visit: Visit; checks: CheckRecord[] }[];
}

export async function showPatientRecord(
  deps: HospitalDeps,
  patientNumberInput: string,
  actor: { loginId: string; requestId: string },
): Promise<PatientRecord> {
  const patientNumber = normalisePatientNumber(patientNumberInput);
  const patient = patientNumber ? await deps.store.patients.byNumber(patientNumber) : undefined;
  if (!patient) throw fail("patient_not_found");
  await deps.store.audit.append({
    at: deps.now().toISOString(),
    actor: actor.loginId,
    action: "records.view",
    patientNumber: patient.patientNumber,
    requestId: actor.requestId,
  });
  const now = deps.now();
  const visits: PatientRecord["visits"] = [];
  for (const visit of await deps.store.visits.forPatient(patient.id, 50)) {
    visits.push({
      visit: { ...visit, state: effectiveState(visit, now) },
      checks: await deps.store.checks.forVisit(visit.id),
    });
  }
  return { patient, latestCheck: await deps.store.checks.latestForPatient(patient.id), visits };
}
