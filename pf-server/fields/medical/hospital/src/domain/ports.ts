/**
 * @module What the use cases need from storage (implemented over SQLite in `src/db/`), and the records they read
 * and write. A patient is the hospital's own record keyed by the PF's pairwise reference; a visit is one
 * recognition at a terminal; a check is one answer of the PF to an eligibility check, kept as the PF gave it.
 */
import type { EligibilityCheckResponse } from "@catv/contracts";
import type { VisitState } from "../db/schema.ts";

export type { VisitState };

export interface Patient {
  id: number;
  patientNumber: string;
  patientReference: string;
  name: string | null;
  nameKana: string | null;
  birthDate: string | null;
  sex: string | null;
  firstVisitAt: string;
  updatedAt: string;
}

/** 氏名, カナ, 生年月日, 性別 as the insurer answered them about the patient at the desk. */
export interface PatientIdentity {
  name: string;
  nameKana: string | null;
  birthDate: string;
  sex: string;
}

export interface Warning {
  code: string;
  message: string;
}

export interface Visit {
  id: string;
  patientId: number;
  terminalId: string;
  recognitionId: string;
  acr: string;
  firstVisit: boolean;
  recognisedAt: string;
  expiresAt: string;
  limitConsent: boolean | null;
  state: VisitState;
  lastCode: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  warnings: Warning[];
  updatedAt: string;
}

export type EligibilityResults = EligibilityCheckResponse["results"];

export interface CheckRecord {
  checkId: string;
  visitId: string;
  checkedAt: string;
  limitConsent: boolean;
  validity: string | null;
  results: EligibilityResults;
  warnings: Warning[];
}

export interface LogEntry {
  id?: number;
  terminalId: string;
  at: string;
  step: string;
  code: string;
  visitId: string | null;
}

export interface DeskRegistration {
  terminalId: string;
  at: string;
  verifierId: string;
  verifierName: string;
  outcome: string;
  linkStatus: string;
}

export interface Staff {
  id: number;
  loginId: string;
  displayName: string;
  role: "staff" | "admin";
  passwordHash: string;
}

export interface StaffSession {
  idHash: string;
  staffId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  patientNumber: string | null;
  requestId: string;
}

export interface PatientSearch {
  /** A 診察券番号, or part of a name or カナ. */
  text?: string;
  birthDate?: string;
  limit: number;
}

export interface HospitalStore {
  /** Runs `work` in one SQLite transaction: its writes happen together or not at all. */
  transaction<T>(work: () => T): T;
  patients: {
    byReference(patientReference: string): Patient | undefined;
    byNumber(patientNumber: string): Patient | undefined;
    byId(id: number): Patient | undefined;
    /** A new patient with the next 診察券番号. */
    create(input: { patientReference: string; at: string }): Patient;
    updateIdentity(id: number, identity: PatientIdentity, at: string): void;
    search(query: PatientSearch): Patient[];
  };
  visits: {
    create(visit: Visit): void;
    byId(id: string): Visit | undefined;
    byRecognition(recognitionId: string): Visit | undefined;
    update(id: string, changes: Partial<Omit<Visit, "id">>): void;
    /** Visits of `terminalId` waiting for a retry whose time has come and whose recognition still lasts. */
    dueForRetry(terminalId: string, now: string): Visit[];
    /** Visits waiting for a retry whose recognition has ended: marked expired; returns them. */
    expireOverdue(now: string): Visit[];
    forPatient(patientId: number, limit: number): Visit[];
    recent(limit: number): Visit[];
  };
  checks: {
    /** False when the PF's check ID was recorded before (nothing written twice). */
    insert(check: CheckRecord): boolean;
    forVisit(visitId: string): CheckRecord[];
    latestForPatient(patientId: number): CheckRecord | undefined;
  };
  log: {
    append(entry: LogEntry): void;
    /** The newest entry of `terminalId`, of one of `steps` when given. */
    latestFor(terminalId: string, steps?: string[]): LogEntry | undefined;
  };
  registrations: {
    append(registration: DeskRegistration): void;
    recent(limit: number): DeskRegistration[];
  };
  staff: {
    byLoginId(loginId: string): Staff | undefined;
    byId(id: number): Staff | undefined;
    count(): number;
    create(staff: Omit<Staff, "id">): void;
  };
  sessions: {
    create(session: StaffSession): void;
    get(idHash: string): StaffSession | undefined;
    touch(idHash: string, at: string): void;
    delete(idHash: string): void;
  };
  audit: {
    append(entry: AuditEntry): void;
    recent(limit: number): AuditEntry[];
  };
}
