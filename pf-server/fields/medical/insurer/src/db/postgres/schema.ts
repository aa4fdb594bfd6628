/**
 * @module The insurers' database in PostgreSQL (drizzle `pg-core`): the same tables as ../schema.ts (the SQLite
 * form, `$CATV_DATA_DIR/medical-insurer.sqlite`); change both together. One deployment, several insurers
 * (tenants), every row keyed by its insurer. The 被保険者DB (households and insured persons), the intake of PF
 * registrations (一時格納DB of 参考１－１) with their verified 4情報, the links of 共通的PFIDs to insured persons,
 * what is owed to the PF (link states), the eligibility requests answered, staff, sessions, the audit log, CSV
 * imports waiting for confirmation, staff-login failure windows (hashed keys), the registrations opened on the
 * insurer's own page and the calls counted against that page's limits (hashed keys). No certificate, serial or
 * 個人番号 is ever stored. Schema changes go through drizzle-kit (`npm run db:generate:pg`).
 */

import { fixedWindowCounters } from "@catv/postgres/login-failures";
import { usedAssertionsPg } from "@catv/provider-kit/pg-schema";
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

export const insurers = pgTable("insurers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["national-health-insurance", "health-insurance-society"] }).notNull(),
  /** As issued: 6 digits for a 市町村国保, 8 for a 健康保険組合 (the answer pads it to 8). */
  insurerNumber: text("insurer_number").notNull(),
  town: text("town").notNull(),
  prefecture: text("prefecture").notNull(),
});

/** 世帯 (国保) or 被保険者 and dependants (健保): the group sharing one 記号・番号. */
export const households = pgTable(
  "households",
  {
    id: text("id").primaryKey(),
    insurerId: text("insurer_id")
      .notNull()
      .references(() => insurers.id),
    symbol: text("symbol"),
    number: text("number").notNull(),
    /** 所得区分 of the household, the basis of the 限度額適用区分 and of 現役並み for 70–74. */
    incomeBracket: text("income_bracket", {
      enum: ["top", "upper", "middle", "general", "low", "lowest"],
    }).notNull(),
  },
  (t) => [uniqueIndex("households_symbol_number").on(t.insurerId, t.symbol, t.number)],
);

/** 被保険者 (and 被扶養者): one row per person and 記号・番号・枝番. */
export const insuredPersons = pgTable(
  "insured_persons",
  {
    id: text("id").primaryKey(),
    insurerId: text("insurer_id")
      .notNull()
      .references(() => insurers.id),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id),
    branchNumber: text("branch_number").notNull(),
    /** 本人家族区分: 1 本人 (国保: 世帯主), 2 家族. */
    relationship: text("relationship", { enum: ["1", "2"] }).notNull(),
    name: text("name").notNull(),
    nameKana: text("name_kana").notNull(),
    sex: text("sex", { enum: ["1", "2", "3"] }).notNull(),
    birthDate: text("birth_date").notNull(),
    address: text("address").notNull(),
    postalCode: text("postal_code"),
    cardClassification: text("card_classification", {
      enum: ["01", "02", "03", "04", "05", "06", "07"],
    }).notNull(),
    qualificationDate: text("qualification_date").notNull(),
    disqualificationDate: text("disqualification_date"),
    reasonOfLoss: text("reason_of_loss", { enum: ["01", "02", "03", "99"] }),
    /** Search keys: the normalised forms the linking screen compares (matching.ts). */
    nameKey: text("name_key").notNull(),
    kanaKey: text("kana_key").notNull(),
    addressKey: text("address_key").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("insured_persons_branch").on(t.householdId, t.branchNumber),
    index("insured_persons_birth").on(t.insurerId, t.birthDate),
    index("insured_persons_name").on(t.insurerId, t.nameKey),
    index("insured_persons_kana").on(t.insurerId, t.kanaKey),
  ],
);

/** What staff changed in an insured person's record (参考１－２ ④), old and new value: the register's history. */
export const personCorrections = pgTable("person_corrections", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  insurerId: text("insurer_id").notNull(),
  personId: text("person_id")
    .notNull()
    .references(() => insuredPersons.id),
  field: text("field", { enum: ["name", "address", "birthDate", "sex"] }).notNull(),
  oldValue: text("old_value").notNull(),
  newValue: text("new_value").notNull(),
  /** The registration whose verified 4情報 the new value came from. */
  accountId: text("account_id"),
  at: text("at").notNull(),
  staffLoginId: text("staff_login_id").notNull(),
});

/** The intake (一時格納DB): one row per 共通的PFID the PF issued to the insurer, with the verified 4情報. */
export const registrations = pgTable(
  "registrations",
  {
    insurerId: text("insurer_id")
      .notNull()
      .references(() => insurers.id),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    nameAlternativeFlags: text("name_alternative_flags"),
    address: text("address").notNull(),
    addressAlternativeFlags: text("address_alternative_flags"),
    dateOfBirth: text("date_of_birth").notNull(),
    /** JIS X 0303 as the certificate has it: 1 male, 2 female, 9 not applicable. */
    gender: text("gender", { enum: ["1", "2", "9"] }).notNull(),
    channel: text("channel", { enum: ["terminal", "verifier"] }).notNull(),
    siteKind: text("site_kind", { enum: ["remote", "in-person"] }),
    consentVersion: text("consent_version").notNull(),
    consentAcceptedAt: text("consent_accepted_at").notNull(),
    registeredAt: text("registered_at").notNull(),
    receivedAt: text("received_at").notNull(),
    status: text("status", { enum: ["active", "revoked"] }).notNull(),
    revokedAt: text("revoked_at"),
    revocationReason: text("revocation_reason"),
    revokedCertificate: text("revoked_certificate", { enum: ["signature", "authentication"] }),
    /** Set by account.updated (renewed or re-issued certificate with new 4情報) until staff acknowledge it. */
    updatedAt: text("updated_at"),
    updateReason: text("update_reason", { enum: ["renewed", "reissued"] }),
    reviewPending: boolean("review_pending").notNull().default(false),
    nameKey: text("name_key").notNull(),
    addressKey: text("address_key").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.insurerId, t.accountId] }),
    index("registrations_received").on(t.insurerId, t.receivedAt),
  ],
);

/** 共通的PFID ↔ 被保険者 (参考１－２ ③), kept after an unlink for the record. */
export const links = pgTable(
  "links",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    insurerId: text("insurer_id").notNull(),
    accountId: text("account_id").notNull(),
    personId: text("person_id")
      .notNull()
      .references(() => insuredPersons.id),
    method: text("method", { enum: ["screen", "csv"] }).notNull(),
    /** Staff linked although the application and the record differ, having confirmed the differences shown. */
    mismatchConfirmed: boolean("mismatch_confirmed").notNull(),
    linkedAt: text("linked_at").notNull(),
    linkedBy: text("linked_by").notNull(),
    unlinkedAt: text("unlinked_at"),
    unlinkedBy: text("unlinked_by"),
    unlinkReason: text("unlink_reason"),
  },
  (t) => [
    index("links_account").on(t.insurerId, t.accountId),
    // One live link per person: a person is one 共通的PFID's, never two people's card.
    uniqueIndex("links_live_person").on(t.personId).where(sql`unlinked_at IS NULL`),
  ],
);

/** Link states owed to the PF (`PUT /v1/verifier/accounts/{id}/link`), sent until the PF accepts each. */
export const pfLinkOutbox = pgTable(
  "pf_link_outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    insurerId: text("insurer_id").notNull(),
    accountId: text("account_id").notNull(),
    status: text("status", { enum: ["linked", "pending"] }).notNull(),
    createdAt: text("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    doneAt: text("done_at"),
    outcome: text("outcome", { enum: ["accepted", "refused", "superseded"] }),
    lastError: text("last_error"),
  },
  (t) => [index("pf_link_outbox_open").on(t.doneAt, t.id)],
);

/** Every PF event once per insurer (delivery is at least once), with its raw JSON. */
export const pfEvents = pgTable(
  "pf_events",
  {
    insurerId: text("insurer_id").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: text("received_at").notNull(),
    payload: text("payload").notNull(),
  },
  (t) => [primaryKey({ columns: [t.insurerId, t.eventId] })],
);

/** 照会履歴: each eligibility request answered (no 4情報; the answer's 資格有効性 only). */
export const eligibilityRequests = pgTable(
  "eligibility_requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    insurerId: text("insurer_id").notNull(),
    requestId: text("request_id").notNull(),
    accountId: text("account_id").notNull(),
    medicalInstitutionCode: text("medical_institution_code").notNull(),
    confirmationDate: text("confirmation_date").notNull(),
    acr: text("acr").notNull(),
    limitConsent: boolean("limit_consent").notNull(),
    processingStatus: text("processing_status", { enum: ["1", "2"] }).notNull(),
    validity: text("validity", { enum: ["1", "2", "3", "4", "5"] }),
    processedAt: text("processed_at").notNull(),
  },
  (t) => [index("eligibility_requests_at").on(t.insurerId, t.processedAt)],
);

/** IDs of PF assertions already used, until they expire: the kit's table, shared by every instance. */
export const usedAssertions = usedAssertionsPg;

export const staff = pgTable("staff", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  insurerId: text("insurer_id")
    .notNull()
    .references(() => insurers.id),
  loginId: text("login_id").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["staff", "admin"] }).notNull(),
  displayName: text("display_name").notNull(),
});

/**
 * Failed staff logins per key in fixed 15-minute windows (`@catv/service-kit/login-throttle`), shared by every
 * instance on this database. The key is a SHA-256 of the login ID or the client address: neither is in clear.
 */
export { loginFailures } from "@catv/postgres/login-failures";

/**
 * The registration page's calls per key in fixed 15-minute windows (`domain/limit-registration-calls.ts`), shared by
 * every instance on this database. The key is a SHA-256 of the client address or of the page session's ID hash: the
 * address is not in clear.
 */
export const registrationCallWindows = fixedWindowCounters("registration_call_windows");

export const staffSessions = pgTable("staff_sessions", {
  idHash: text("id_hash").primaryKey(),
  staffId: integer("staff_id")
    .notNull()
    .references(() => staff.id),
  insurerId: text("insurer_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
});

/** Who did what, when (no names, addresses or birth dates: opaque IDs and codes only). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    insurerId: text("insurer_id").notNull(),
    at: text("at").notNull(),
    /** A staff login ID, or `pf` / `web` for what the PF or a visitor of the registration page caused. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    detail: text("detail").notNull(),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("audit_log_at").on(t.insurerId, t.at)],
);

/** A CSV import previewed and waiting for staff to confirm it (rows as parsed, with their findings). */
export const csvImports = pgTable("csv_imports", {
  id: text("id").primaryKey(),
  insurerId: text("insurer_id").notNull(),
  uploadedBy: text("uploaded_by").notNull(),
  createdAt: text("created_at").notNull(),
  encoding: text("encoding").notNull(),
  rows: jsonb("rows").notNull(),
  status: text("status", { enum: ["previewed", "applied", "discarded"] }).notNull(),
  decidedAt: text("decided_at"),
  decidedBy: text("decided_by"),
});

/** A registration started on the insurer's own page: the PF challenge it holds, for one browser. */
export const webRegistrations = pgTable("web_registrations", {
  idHash: text("id_hash").primaryKey(),
  insurerId: text("insurer_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  challengeId: text("challenge_id"),
  challengeExpiresAt: text("challenge_expires_at"),
  createdAt: text("created_at").notNull(),
  completedAt: text("completed_at"),
  outcome: text("outcome"),
});
