/**
 * @module For a patient whose check answered "registered, not yet linked by the insurer": staff ask the PF, with the
 * institution's API key and the patient's reference, whether the insurer has linked them since — and can tell the
 * patient the card will work at the next visit. Nothing is written but the audit line.
 */
import type { patientReferenceStatusSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";
import { normalisePatientNumber } from "./patient-number.ts";
import { relayedError } from "./relay-to-pf.ts";

export async function refreshRegistrationStatus(
  deps: HospitalDeps,
  patientNumberInput: string,
  actor: { loginId: string; requestId: string },
): Promise<z.output<typeof patientReferenceStatusSchema>> {
  const patientNumber = normalisePatientNumber(patientNumberInput);
  const patient = patientNumber ? await deps.store.patients.byNumber(patientNumber) : undefined;
  if (!patient) throw fail("patient_not_found");
  await deps.store.audit.append({
    at: deps.now().toISOString(),
    actor: actor.loginId,
    action: "records.registration-status",
    patientNumber: patient.patientNumber,
    requestId: actor.requestId,
  });
  try {
    return await deps.pf.patientReferenceStatus(deps.institution.apiKey, patient.patientReference);
  } catch (error) {
    throw relayedError(error);
  }
}
