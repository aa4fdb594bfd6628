/**
 * @module The hospital's tables (drizzle, SQLite): its patients (診察券番号 ↔ the PF's patient reference, and the
 * insurer's answer about them), visits at the reception, the eligibility checks the PF answered, the reception
 * log, registrations made at the desk, the terminals' reader state, staff, sessions, the audit log and
 * the staff-login failure windows (hashed keys). Instants
 * are ISO-8601 UTC strings. `drizzle-kit generate` turns this file into `drizzle/`.
 *
 * Nothing here is a certificate, a serial, a 共通的PFID or a 4情報 the PF sent: the hospital knows a patient by the
 * PF's pairwise reference and keeps what the insurer answered about the patient at the desk.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const patients = sqliteTable("patients", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** 診察券番号: the hospital's own number, issued at the first visit (7 digits and a check digit). */
  patientNumber: text("patient_number").notNull().unique(),
  /** The PF's pairwise reference for this patient at this institution (`pr_…`). */
  patientReference: text("patient_reference").notNull().unique(),
  /** From the insurer's answer (氏名, カナ, 生年月日, 性別), once a check answered 有効 with one qualification. */
  name: text("name"),
  nameKana: text("name_kana"),
  birthDate: text("birth_date"),
  sex: text("sex"),
  firstVisitAt: text("first_visit_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const visitStates = [
  /** Recognised; the patient has not answered the 限度額 consent question yet. */
  "awaiting_consent",
  /** The PF answered with the insurers' answers. */
  "answered",
  /** Registered with the insurer, which has not linked the account yet. */
  "not_linked",
  /** No insurer answered (or the PF could not be reached): retried with the same recognition while it lasts. */
  "retrying",
  /** The recognition ended before any insurer answered: the check needs a new touch. */
  "expired",
  /** The PF refused the check for another reason (the code says which). */
  "refused",
] as const;
export type VisitState = (typeof visitStates)[number];

export const visits = sqliteTable(
  "visits",
  {
    id: text("id").primaryKey(),
    patientId: integer("patient_id")
      .notNull()
      .references(() => patients.id),
    terminalId: text("terminal_id").notNull(),
    recognitionId: text("recognition_id").notNull().unique(),
    acr: text("acr").notNull(),
    firstVisit: integer("first_visit", { mode: "boolean" }).notNull(),
    recognisedAt: text("recognised_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** The patient's answer to the 限度額 consent question; null until answered. */
    limitConsent: integer("limit_consent", { mode: "boolean" }),
    state: text("state", { enum: visitStates }).notNull(),
    /** The last refusal or failure code (the PF's or this system's), for staff. */
    lastCode: text("last_code"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at"),
    /** The PF's recognition warnings (e.g. card_certificate_expiring), as it gave them. */
    warnings: text("warnings", { mode: "json" }).$type<{ code: string; message: string }[]>().notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("visits_patient_idx").on(t.patientId, t.recognisedAt),
    index("visits_retry_idx").on(t.state, t.nextAttemptAt),
  ],
);

export const eligibilityChecks = sqliteTable(
  "eligibility_checks",
  {
    /** The PF's check ID: a check is written once. */
    checkId: text("check_id").primaryKey(),
    visitId: text("visit_id")
      .notNull()
      .references(() => visits.id),
    checkedAt: text("checked_at").notNull(),
    limitConsent: integer("limit_consent", { mode: "boolean" }).notNull(),
    /** The summary staff see first: 1–5, or null when no insurer answered with a 資格有効性. */
    validity: text("validity"),
    /** The PF's `results` (each insurer's answer or status), exactly as the PF answered. */
    results: text("results", { mode: "json" }).notNull(),
    warnings: text("warnings", { mode: "json" }).$type<{ code: string; message: string }[]>().notNull(),
  },
  (t) => [index("checks_visit_idx").on(t.visitId, t.checkedAt)],
);

/** One line per thing that happened at a terminal: no personal data, codes only. */
export const receptionLog = sqliteTable(
  "reception_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    terminalId: text("terminal_id").notNull(),
    at: text("at").notNull(),
    /** site, challenge, pinless_start, recognition, eligibility, registration, reader, card. */
    step: text("step").notNull(),
    /** `ok`, or the refusal or failure code. */
    code: text("code").notNull(),
    visitId: text("visit_id"),
  },
  (t) => [index("reception_log_terminal_idx").on(t.terminalId, t.id)],
);

export const deskRegistrations = sqliteTable("desk_registrations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  terminalId: text("terminal_id").notNull(),
  at: text("at").notNull(),
  verifierId: text("verifier_id").notNull(),
  verifierName: text("verifier_name").notNull(),
  outcome: text("outcome").notNull(),
  linkStatus: text("link_status").notNull(),
});

export const staff = sqliteTable("staff", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  loginId: text("login_id").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: ["staff", "admin"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
});

/**
 * Failed staff logins per key in fixed 15-minute windows (`@catv/service-kit/login-throttle`), shared by every
 * instance on this database. The key is a SHA-256 of the login ID or the client address: neither is in clear.
 */
export { loginFailures } from "@catv/service-kit/login-failures-sqlite";

export const staffSessions = sqliteTable("staff_sessions", {
  /** SHA-256 of the session token: the token itself is never stored. */
  idHash: text("id_hash").primaryKey(),
  staffId: integer("staff_id")
    .notNull()
    .references(() => staff.id, { onDelete: "cascade" }),
  csrfToken: text("csrf_token").notNull(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    /** The staff member, or `terminal:<id>` for a terminal's refusal. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    /** The 診察券番号 concerned, if any (the hospital's own number, never the PF's reference). */
    patientNumber: text("patient_number"),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("audit_at_idx").on(t.at)],
);

/** The 診察券番号 sequence (one row, `patient_number`), advanced in the transaction that creates the patient. */
export const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});
