/**
 * @module The patient recognised by the card (参考１－３ (1)): the card's answer goes to the PF, and from the PF's
 * answer alone the hospital opens the visit — the patient found by the PF's pairwise reference, or, at the first
 * visit, a new patient record with a new 診察券番号 linked to that reference (so the card serves as the patient
 * card from then on). Patient and visit are written in one transaction with the reception log line.
 */
import type { receptionRecognitionRequestSchema } from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import type { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import type { Warning } from "./ports.ts";
import { relay } from "./relay-to-pf.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

/** What the terminal learns: enough to ask for consent and to greet the patient, nothing of the insurance. */
export interface RecognitionView {
  recognitionId: string;
  expiresAt: string;
  acr: string;
  patientNumber: string;
  /** A new 診察券番号 was issued now. */
  newPatient: boolean;
  /** Insurers the patient is registered with here, and whether each has linked them. */
  registrations: { verifierId: string; verifierName: string; linkStatus: "linked" | "pending" }[];
  warnings: Warning[];
}

export async function recognisePatient(
  deps: HospitalDeps,
  assertion: string | undefined,
  body: z.output<typeof receptionRecognitionRequestSchema>,
): Promise<RecognitionView> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    receptionRoutes.recognitions,
    deps.now(),
  );
  const recognition = await relay(
    deps,
    terminalId,
    "recognition",
    () => deps.pf.recognise(assertion!, body),
    {
      logSuccess: false,
    },
  );
  const at = deps.now().toISOString();
  const { patient, created, visitId } = await deps.store.transaction(async (tx) => {
    const known = await tx.patients.byReference(recognition.patientReference);
    const patient =
      known ?? (await tx.patients.create({ patientReference: recognition.patientReference, at }));
    const visitId = deps.newId();
    await tx.visits.create({
      id: visitId,
      patientId: patient.id,
      terminalId,
      recognitionId: recognition.recognitionId,
      acr: recognition.acr,
      firstVisit: !known,
      recognisedAt: recognition.recognisedAt,
      expiresAt: recognition.expiresAt,
      limitConsent: null,
      state: "awaiting_consent",
      lastCode: null,
      attempts: 0,
      nextAttemptAt: null,
      warnings: recognition.warnings,
      updatedAt: at,
    });
    await tx.log.append({ terminalId, at, step: "recognition", code: "ok", visitId });
    return { patient, created: !known, visitId };
  });
  if (created) deps.logger.info("patient number issued", { visitId });
  deps.changed();
  return {
    recognitionId: recognition.recognitionId,
    expiresAt: recognition.expiresAt,
    acr: recognition.acr,
    patientNumber: patient.patientNumber,
    newPatient: created,
    registrations: recognition.registrations,
    warnings: recognition.warnings,
  };
}
