/**
 * @module What the use cases need from storage (implemented over SQLite and PostgreSQL in `src/db/`), and the
 * records they read and write. A patient is the hospital's own record keyed by the PF's pairwise reference; a visit is one
 * recognition at a terminal; a check is one answer of the PF to an eligibility check, kept as the PF gave it.
 */
import type { EligibilityCheckResponse } from "@catv/contracts";
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
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

/**
 * Every repository of the hospital, as the store gives them and as a transaction gives them. Every call is
 * asynchronous, so SQLite (`db/`, behind the provider kit's gate) and PostgreSQL (`db/postgres/`) implement them
 * alike; `db/hospital-store.contract.ts` is the one suite both pass.
 */
export interface HospitalRepositories {
  patients: {
    byReference(patientReference: string): Promise<Patient | undefined>;
    byNumber(patientNumber: string): Promise<Patient | undefined>;
    byId(id: number): Promise<Patient | undefined>;
    /** A new patient with the next 診察券番号. */
    create(input: { patientReference: string; at: string }): Promise<Patient>;
    updateIdentity(id: number, identity: PatientIdentity, at: string): Promise<void>;
    search(query: PatientSearch): Promise<Patient[]>;
  };
  visits: {
    create(visit: Visit): Promise<void>;
    byId(id: string): Promise<Visit | undefined>;
    byRecognition(recognitionId: string): Promise<Visit | undefined>;
    update(id: string, changes: Partial<Omit<Visit, "id">>): Promise<void>;
    /** Visits of `terminalId` waiting for a retry whose time has come and whose recognition still lasts. */
    dueForRetry(terminalId: string, now: string): Promise<Visit[]>;
    /** Visits waiting for a retry whose recognition has ended: marked expired; returns them (each to one caller). */
    expireOverdue(now: string): Promise<Visit[]>;
    forPatient(patientId: number, limit: number): Promise<Visit[]>;
    recent(limit: number): Promise<Visit[]>;
  };
  checks: {
    /** False when the PF's check ID was recorded before (nothing written twice). */
    insert(check: CheckRecord): Promise<boolean>;
    forVisit(visitId: string): Promise<CheckRecord[]>;
    latestForPatient(patientId: number): Promise<CheckRecord | undefined>;
  };
  log: {
    append(entry: LogEntry): Promise<void>;
    /** The newest entry of `terminalId`, of one of `steps` when given. */
    latestFor(terminalId: string, steps?: string[]): Promise<LogEntry | undefined>;
  };
  registrations: {
    append(registration: DeskRegistration): Promise<void>;
    recent(limit: number): Promise<DeskRegistration[]>;
  };
  staff: {
    byLoginId(loginId: string): Promise<Staff | undefined>;
    byId(id: number): Promise<Staff | undefined>;
    count(): Promise<number>;
    create(staff: Omit<Staff, "id">): Promise<void>;
  };
  sessions: {
    create(session: StaffSession): Promise<void>;
    get(idHash: string): Promise<StaffSession | undefined>;
    touch(idHash: string, at: string): Promise<void>;
    delete(idHash: string): Promise<void>;
  };
  audit: {
    append(entry: AuditEntry): Promise<void>;
    recent(limit: number): Promise<AuditEntry[]>;
  };
  /** Failed staff logins per hashed login ID and client address, shared by every instance on the database. */
  loginFailures: LoginFailuresRepository;
}

export interface HospitalStore extends HospitalRepositories {
  /**
   * Runs `work` in one transaction with repositories bound to it: its writes happen together or not at all.
   * Inside, use only `tx`'s repositories.
   */
  transaction<T>(work: (tx: HospitalRepositories) => Promise<T>): Promise<T>;
}
