/**
 * @module The PF's SQLite schema (drizzle). Certificate serials and birth dates live here and nowhere else:
 * never in logs, events or audit rows. A PostgreSQL schema would sit beside this file with the same tables.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const operators = sqliteTable("operators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  town: text("town").notNull(),
  prefecture: text("prefecture").notNull(),
  apiKeyHash: text("api_key_hash").notNull(),
  revocationPolicy: text("revocation_policy", { enum: ["ocsp", "crl"] }).notNull(),
  branding: text("branding", { mode: "json" }).notNull(),
  webhookUrl: text("webhook_url"),
  webhookSecret: text("webhook_secret"),
  /** Absolute session lifetime: no refresh extends a session past login + this many days. */
  sessionLifetimeDays: integer("session_lifetime_days").notNull().default(30),
  /** Whether this operator's viewers may log in on other operators' STBs, and others' viewers on its STBs. */
  crossOperatorLogins: integer("cross_operator_logins", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const terminals = sqliteTable(
  "terminals",
  {
    id: text("id").primaryKey(),
    operatorId: text("operator_id").notNull(),
    publicJwk: text("public_jwk", { mode: "json" }).notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("terminals_operator").on(t.operatorId)],
);

export const providers = sqliteTable("providers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  apiBaseUrl: text("api_base_url").notNull(),
  webhookUrl: text("webhook_url"),
  webhookSecret: text("webhook_secret"),
  apiKeyHash: text("api_key_hash").notNull(),
  pinlessAllowed: integer("pinless_allowed", { mode: "boolean" }).notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const services = sqliteTable("services", {
  id: text("id").primaryKey(),
  providerId: text("provider_id").notNull(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  requiresPin: integer("requires_pin", { mode: "boolean" }).notNull(),
  scope: text("scope", { mode: "json" }).notNull(),
  /** The provider API the service speaks (tv-api.ts `serviceKindSchema`); null only for rows older than it. */
  kind: text("kind", { enum: ["facility-booking", "healthcare"] }),
});

export const viewers = sqliteTable("viewers", {
  cableId: text("cable_id").primaryKey(),
  operatorId: text("operator_id").notNull(),
  /** ISO date from the signature certificate; kept only for the PIN-less 券面事項確認AP key. */
  birthDate: text("birth_date").notNull(),
  householdLink: text("household_link", { enum: ["linked", "pending"] }).notNull(),
  consentTextVersion: text("consent_text_version").notNull(),
  consentAcceptedAt: text("consent_accepted_at").notNull(),
  registeredAt: text("registered_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * The card bound to a viewer (design §PIN-less): the 券面 key certified by the 券面 CA, recorded at registration
 * (signature password) or at a PIN login. A PIN-less login must be answered by this key. Stays in the PF.
 */
export const cardBindings = sqliteTable("card_bindings", {
  cableId: text("cable_id").primaryKey(),
  /** The CVC's subject key ID, 16 bytes as lower-case hex. */
  subjectKeyId: text("subject_key_id").notNull(),
  /** SHA-256 (hex) of the certified public key as a DER SubjectPublicKeyInfo. */
  publicKeySha256: text("public_key_sha256").notNull(),
  boundBy: text("bound_by", { enum: ["registration", "pin-login"] }).notNull(),
  boundAt: text("bound_at").notNull(),
});

export const certificates = sqliteTable(
  "certificates",
  {
    serialHex: text("serial_hex").notNull(),
    kind: text("kind", { enum: ["sign", "auth"] }).notNull(),
    cableId: text("cable_id").notNull(),
    notAfter: text("not_after").notNull(),
    status: text("status", { enum: ["active", "superseded", "revoked"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serialHex, t.kind] }), index("certificates_cable").on(t.cableId)],
);

export const challenges = sqliteTable("challenges", {
  id: text("id").primaryKey(),
  nonce: text("nonce").notNull(),
  purpose: text("purpose").notNull(),
  operatorId: text("operator_id").notNull(),
  terminalId: text("terminal_id").notNull(),
  /** PIN-less: the viewer whose user-authentication certificate started the login. */
  cableId: text("cable_id"),
  authSerialHex: text("auth_serial_hex"),
  registrationSessionId: text("registration_session_id"),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: text("created_at").notNull(),
});

export const registrationSessions = sqliteTable("registration_sessions", {
  id: text("id").primaryKey(),
  operatorId: text("operator_id").notNull(),
  terminalId: text("terminal_id").notNull(),
  contractId: text("contract_id").notNull(),
  memberId: text("member_id").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: text("created_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    cableId: text("cable_id").notNull(),
    operatorId: text("operator_id").notNull(),
    terminalId: text("terminal_id").notNull(),
    acr: text("acr").notNull(),
    refreshTokenHash: text("refresh_token_hash").notNull(),
    refreshExpiresAt: text("refresh_expires_at").notNull(),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull(),
  },
  // sessions_cable: a revoked user-authentication certificate ends all of its viewer's sessions.
  (t) => [uniqueIndex("sessions_refresh").on(t.refreshTokenHash), index("sessions_cable").on(t.cableId)],
);

/**
 * Refresh tokens already rotated away, by hash: one presented again is a stolen copy or a replay, and ends its
 * session (RFC 9700 §4.14.2). Kept as long as the refresh token could have lived, then swept.
 */
export const retiredRefreshTokens = sqliteTable(
  "retired_refresh_tokens",
  {
    hash: text("hash").primaryKey(),
    sessionId: text("session_id").notNull(),
    retiredAt: text("retired_at").notNull(),
  },
  (t) => [index("retired_refresh_tokens_at").on(t.retiredAt)],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    cableId: text("cable_id").notNull(),
    serviceId: text("service_id").notNull(),
    providerId: text("provider_id").notNull(),
    pairwiseId: text("pairwise_id").notNull(),
    providerUserId: text("provider_user_id").notNull(),
    enrolledAt: text("enrolled_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cableId, t.serviceId] }), index("enrolments_pairwise").on(t.pairwiseId)],
);

export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    providerId: text("provider_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    cableId: text("cable_id").notNull(),
    operatorId: text("operator_id").notNull(),
    serviceId: text("service_id").notNull(),
    kind: text("kind", { enum: ["charge", "reversal"] }).notNull(),
    amountYen: integer("amount_yen").notNull(),
    taxRatePercent: integer("tax_rate_percent").notNull(),
    description: text("description").notNull(),
    occurredAt: text("occurred_at").notNull(),
    providerReference: text("provider_reference").notNull(),
    reversesUsageId: text("reverses_usage_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("usage_idempotency").on(t.providerId, t.idempotencyKey),
    index("usage_reference").on(t.providerId, t.providerReference),
  ],
);

export const settlements = sqliteTable(
  "settlements",
  {
    id: text("id").primaryKey(),
    operatorId: text("operator_id").notNull(),
    providerId: text("provider_id").notNull(),
    month: text("month").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    body: text("body", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("settlements_idempotency").on(t.operatorId, t.idempotencyKey)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    targetKind: text("target_kind", { enum: ["operator", "provider"] }).notNull(),
    targetId: text("target_id").notNull(),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    // `dead`: given up after the last attempt, kept with its last error until an administrator requeues it.
    status: text("status", { enum: ["pending", "delivered", "dead"] }).notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    deliveredAt: text("delivered_at"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);

export const metering = sqliteTable(
  "metering",
  {
    operatorId: text("operator_id").notNull(),
    month: text("month").notNull(),
    metric: text("metric").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.month, t.metric] })],
);

/** Append-only: the repository offers no update or delete. */
export const auditEvents = sqliteTable("audit_events", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  event: text("event").notNull(),
  outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
  code: text("code"),
  actorKind: text("actor_kind").notNull(),
  actorId: text("actor_id"),
  operatorId: text("operator_id"),
  terminalId: text("terminal_id"),
  cableId: text("cable_id"),
  requestId: text("request_id"),
});

export const keyValues = sqliteTable("key_values", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Terminal-assertion IDs (`<terminalId>:<jti>`) seen inside their acceptance window. The primary key makes a
 * duplicate fail atomically, across restarts and across PF instances sharing the database; swept once expired.
 */
export const seenTerminalAssertions = sqliteTable(
  "seen_terminal_assertions",
  {
    key: text("key").primaryKey(),
    /** Epoch milliseconds after which the ID may be forgotten (the assertion is too old to be accepted anyway). */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("seen_terminal_assertions_expiry").on(t.expiresAt)],
);

/** When each terminal last presented an accepted assertion (written at most once a minute per terminal). */
export const terminalLastUse = sqliteTable("terminal_last_use", {
  terminalId: text("terminal_id").primaryKey(),
  lastUsedAt: text("last_used_at").notNull(),
});

/** The PF administrator console's staff (`pf-server/src/admin-console`): scrypt password hashes only. */
export const adminStaff = sqliteTable("admin_staff", {
  loginId: text("login_id").primaryKey(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: ["admin", "staff"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Administrator console sessions, by the SHA-256 of the cookie token (the token itself is never stored). */
export const adminSessions = sqliteTable(
  "admin_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    loginId: text("login_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [index("admin_sessions_last_seen").on(t.lastSeenAt)],
);
export { crossDeviceRequests } from "./cross-device-schema.ts";
