/**
 * @module The PF's PostgreSQL schema (drizzle pg-core), mirroring the SQLite one (`../schema.ts`,
 * `../cross-device-schema.ts`) table by table, column by column and index by index, so both implementations hold
 * the same records the same way: instants stay ISO-8601 text (ordered as text, as in SQLite), JSON columns are
 * `json` (kept as written), flags are booleans, and the audit sequence is a 64-bit identity. Certificate serials,
 * birth dates and person IDs live here and nowhere else, as in SQLite.
 */
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * A tenant of the PF: an organisation holding one or more roles — verifier (people register with it; it gets an
 * ID per person), site owner (its sites' terminals sign calls; billed for recognitions), service provider (its API
 * is called with a PF assertion). A CATV operator is verifier + site owner, an insurer verifier + provider, a
 * hospital a site owner. Each role's settings are in its own table below.
 */
export const tenants = pgTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Where the tenant is (an operator's or a city insurer's town); null when it does not matter. */
    town: text("town"),
    prefecture: text("prefecture"),
    roles: json("roles").notNull(),
    apiKeyHash: text("api_key_hash").notNull(),
    webhookUrl: text("webhook_url"),
    webhookSecret: text("webhook_secret"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("tenants_api_key").on(t.apiKeyHash)],
);

/** The verifier role: what kind of ID it gets, how certificates are checked for it, what it allows. */
export const verifiers = pgTable("verifiers", {
  tenantId: text("tenant_id").primaryKey(),
  /** cable-id: a CATV operator (events in the cable_id.* dialect); common-pf-id: any other verifier. */
  accountIdKind: text("account_id_kind", { enum: ["cable-id", "common-pf-id"] }).notNull(),
  revocationPolicy: text("revocation_policy", { enum: ["ocsp", "crl"] }).notNull(),
  /** The verifier's documented setting: PIN-less use of its accounts at remote sites (home STBs). */
  pinlessAtRemoteSites: boolean("pinless_at_remote_sites").notNull(),
  /** Whether its people may log in at other verifiers' portal sites, and others' people at its sites. */
  crossVerifierLogins: boolean("cross_verifier_logins").notNull().default(false),
});

/** The provider role: where its API is and how it knows people (pairwise IDs, or the verifier's own account IDs). */
export const providerSettings = pgTable("provider_settings", {
  tenantId: text("tenant_id").primaryKey(),
  apiBaseUrl: text("api_base_url").notNull(),
  pinlessAllowed: boolean("pinless_allowed").notNull(),
  subject: text("subject", { enum: ["pairwise", "account"] }).notNull(),
});

export const services = pgTable("services", {
  id: text("id").primaryKey(),
  providerId: text("provider_id").notNull(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  requiresPin: boolean("requires_pin").notNull(),
  scope: json("scope").notNull(),
  /** The provider API the service speaks (tv-api.ts `serviceKindSchema`); null only for rows older than it. */
  kind: text("kind", { enum: ["facility-booking", "healthcare"] }),
});

/**
 * A site of a site owner: where its terminals stand (remote: homes; in-person: a reception desk), what they are
 * for (portal: the TV app's sessions and services; reception: recognition and eligibility), which verifiers'
 * people they serve and which portal services they offer.
 */
export const sites = pgTable(
  "sites",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["remote", "in-person"] }).notNull(),
    channel: text("channel", { enum: ["portal", "reception"] }).notNull(),
    /** The TV portal's look (portal sites). */
    branding: json("branding"),
    /** 医療機関コード of a medical institution's site (reception sites of the medical field). */
    institutionCode: text("institution_code"),
    /** Absolute lifetime of a session on this site's terminals: no refresh extends it past login + this. */
    sessionLifetimeDays: integer("session_lifetime_days").notNull().default(30),
    /** Offers every portal service (a CATV portal), or only those in site_services. */
    allPortalServices: boolean("all_portal_services").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("sites_owner").on(t.ownerId)],
);

/** The verifiers whose people a site serves, in the order the site consults them. */
export const siteVerifiers = pgTable(
  "site_verifiers",
  {
    siteId: text("site_id").notNull(),
    verifierId: text("verifier_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.verifierId] })],
);

export const siteServices = pgTable(
  "site_services",
  {
    siteId: text("site_id").notNull(),
    serviceId: text("service_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.serviceId] })],
);

export const terminals = pgTable(
  "terminals",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    /** The site's owner, kept with the terminal: every signed call is scoped to it. */
    ownerId: text("owner_id").notNull(),
    publicJwk: json("public_jwk").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("terminals_owner").on(t.ownerId), index("terminals_site").on(t.siteId)],
);

/**
 * A person as only the PF knows them: never leaves the PF. The birth date (from the signature certificate) is kept
 * only for the PIN-less 券面事項確認AP key.
 */
export const persons = pgTable("persons", {
  id: text("id").primaryKey(),
  birthDate: text("birth_date").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * A person's account at a verifier: the ID the PF issued to that verifier (a cable ID, a 共通的PFID), whether the
 * verifier has linked it to its own record, and the consent given when registering with it.
 */
export const accounts = pgTable(
  "accounts",
  {
    verifierId: text("verifier_id").notNull(),
    personId: text("person_id").notNull(),
    accountId: text("account_id").notNull(),
    linkStatus: text("link_status", { enum: ["linked", "pending"] }).notNull(),
    consentTextVersion: text("consent_text_version").notNull(),
    consentAcceptedAt: text("consent_accepted_at").notNull(),
    registeredAt: text("registered_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.verifierId, t.personId] }),
    uniqueIndex("accounts_account_id").on(t.accountId),
    index("accounts_person").on(t.personId),
  ],
);

/**
 * The card bound to a person (design §PIN-less): the 券面 key certified by the 券面 CA, recorded at registration
 * (signature password) or at a PIN login. A PIN-less recognition must be answered by this key. Stays in the PF.
 */
export const cardBindings = pgTable("card_bindings", {
  personId: text("person_id").primaryKey(),
  /** The CVC's subject key ID, 16 bytes as lower-case hex. */
  subjectKeyId: text("subject_key_id").notNull(),
  /** SHA-256 (hex) of the certified public key as a DER SubjectPublicKeyInfo. */
  publicKeySha256: text("public_key_sha256").notNull(),
  boundBy: text("bound_by", { enum: ["registration", "pin-login"] }).notNull(),
  boundAt: text("bound_at").notNull(),
});

/** A person's certificates, 1:N: both kinds, and each generation after a renewal or a move. */
export const certificates = pgTable(
  "certificates",
  {
    serialHex: text("serial_hex").notNull(),
    kind: text("kind", { enum: ["sign", "auth"] }).notNull(),
    personId: text("person_id").notNull(),
    notAfter: text("not_after").notNull(),
    status: text("status", { enum: ["active", "superseded", "revoked"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serialHex, t.kind] }), index("certificates_person").on(t.personId)],
);

/**
 * A site owner's pairwise reference for a person it recognised (a hospital's patient reference): random, issued on
 * the first recognition at one of its sites, answered again at every later one. Another owner gets another.
 */
export const personReferences = pgTable(
  "person_references",
  {
    ownerId: text("owner_id").notNull(),
    personId: text("person_id").notNull(),
    reference: text("reference").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.personId] }),
    uniqueIndex("person_references_reference").on(t.reference),
  ],
);

/** A person recognised at a reception terminal, for the few minutes its eligibility checks may use it. */
export const recognitions = pgTable(
  "recognitions",
  {
    id: text("id").primaryKey(),
    terminalId: text("terminal_id").notNull(),
    siteId: text("site_id").notNull(),
    ownerId: text("owner_id").notNull(),
    personId: text("person_id").notNull(),
    acr: text("acr").notNull(),
    /** notAfter of the user-authentication certificate the card showed (for the 3-month warning). */
    certificateNotAfter: text("certificate_not_after"),
    recognisedAt: text("recognised_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("recognitions_expiry").on(t.expiresAt)],
);

export const challenges = pgTable("challenges", {
  id: text("id").primaryKey(),
  nonce: text("nonce").notNull(),
  purpose: text("purpose").notNull(),
  /** The tenant the challenge was issued to: the terminal's owner, or the verifier of its own registration page. */
  tenantId: text("tenant_id").notNull(),
  /** The terminal it was issued to; null for a verifier's own registration page. */
  terminalId: text("terminal_id"),
  /** PIN-less: the person whose user-authentication certificate started it. */
  personId: text("person_id"),
  authSerialHex: text("auth_serial_hex"),
  registrationSessionId: text("registration_session_id"),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: text("created_at").notNull(),
});

export const registrationSessions = pgTable("registration_sessions", {
  id: text("id").primaryKey(),
  operatorId: text("operator_id").notNull(),
  terminalId: text("terminal_id").notNull(),
  contractId: text("contract_id").notNull(),
  memberId: text("member_id").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: text("created_at").notNull(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    cableId: text("cable_id").notNull(),
    operatorId: text("operator_id").notNull(),
    terminalId: text("terminal_id").notNull(),
    acr: text("acr").notNull(),
    /** Where the login happened (a home STB is remote): recorded with the assurance. */
    siteKind: text("site_kind", { enum: ["remote", "in-person"] })
      .notNull()
      .default("remote"),
    refreshTokenHash: text("refresh_token_hash").notNull(),
    refreshExpiresAt: text("refresh_expires_at").notNull(),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull(),
  },
  // sessions_account: a revoked user-authentication certificate ends the sessions of all the person's accounts.
  (t) => [uniqueIndex("sessions_refresh").on(t.refreshTokenHash), index("sessions_account").on(t.cableId)],
);

/**
 * Refresh tokens already rotated away, by hash: one presented again is a stolen copy or a replay, and ends its
 * session (RFC 9700 §4.14.2). Kept as long as the refresh token could have lived, then swept.
 */
export const retiredRefreshTokens = pgTable(
  "retired_refresh_tokens",
  {
    hash: text("hash").primaryKey(),
    sessionId: text("session_id").notNull(),
    retiredAt: text("retired_at").notNull(),
  },
  (t) => [index("retired_refresh_tokens_at").on(t.retiredAt)],
);

export const enrolments = pgTable(
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

export const usageRecords = pgTable(
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

export const settlements = pgTable(
  "settlements",
  {
    id: text("id").primaryKey(),
    operatorId: text("operator_id").notNull(),
    providerId: text("provider_id").notNull(),
    month: text("month").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    body: json("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("settlements_idempotency").on(t.operatorId, t.idempotencyKey)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    /** Insertion order (SQLite's rowid gives it there): events of one transaction go out in the order written. */
    position: bigint("position", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    targetKind: text("target_kind", { enum: ["operator", "verifier", "provider"] }).notNull(),
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
    /**
     * The worker delivering the event holds it until this instant (claimed with its batch); a worker that dies
     * lets go when it passes, and the event is due again for any instance. Null when nobody holds it.
     */
    leaseUntil: text("lease_until"),
    /** Which worker holds the lease (an instance name and a random part), so only it records the outcome. */
    claimedBy: text("claimed_by"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);

/** Counts per tenant, JST month and metric (a per-site count names its site in the metric: `metric@siteId`). */
export const metering = pgTable(
  "metering",
  {
    tenantId: text("tenant_id").notNull(),
    month: text("month").notNull(),
    metric: text("metric").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.metric] })],
);

/** Append-only: the repository offers no update or delete. */
export const auditEvents = pgTable("audit_events", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: text("at").notNull(),
  event: text("event").notNull(),
  outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
  code: text("code"),
  actorKind: text("actor_kind").notNull(),
  actorId: text("actor_id"),
  /** The tenant the event happened for (the terminal's owner, the calling verifier…). */
  tenantId: text("tenant_id"),
  terminalId: text("terminal_id"),
  /** The account the event concerns (a cable ID, a 共通的PFID): opaque, never a serial or a birth date. */
  accountId: text("account_id"),
  requestId: text("request_id"),
});

export const keyValues = pgTable("key_values", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Terminal-assertion IDs (`<terminalId>:<jti>`) seen inside their acceptance window. The primary key makes a
 * duplicate fail atomically, across restarts and across PF instances sharing the database; swept once expired.
 */
export const seenTerminalAssertions = pgTable(
  "seen_terminal_assertions",
  {
    key: text("key").primaryKey(),
    /** Epoch milliseconds after which the ID may be forgotten (the assertion is too old to be accepted anyway). */
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("seen_terminal_assertions_expiry").on(t.expiresAt)],
);

/** When each terminal last presented an accepted assertion (written at most once a minute per terminal). */
export const terminalLastUse = pgTable("terminal_last_use", {
  terminalId: text("terminal_id").primaryKey(),
  lastUsedAt: text("last_used_at").notNull(),
});

/** The PF administrator console's staff (`pf-server/src/admin-console`): scrypt password hashes only. */
export const adminStaff = pgTable("admin_staff", {
  loginId: text("login_id").primaryKey(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: ["admin", "staff"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Administrator console sessions, by the SHA-256 of the cookie token (the token itself is never stored). */
export const adminSessions = pgTable(
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

export const crossDeviceRequests = pgTable(
  "cross_device_requests",
  {
    id: text("id").primaryKey(),
    /** SHA-256 of the user code: a database copy does not give live codes to type on a phone. */
    userCodeHash: text("user_code_hash").notNull(),
    purpose: text("purpose", { enum: ["registration", "login", "step-up"] }).notNull(),
    operatorId: text("operator_id").notNull(),
    terminalId: text("terminal_id").notNull(),
    /** The name the household gave the TV, shown on the phone. */
    terminalLabel: text("terminal_label").notNull(),
    /** Step-up: the session the answer raises to PIN level. */
    sessionId: text("session_id"),
    status: text("status", {
      enum: ["pending", "confirmed", "answered", "delivered", "cancelled", "locked"],
    }).notNull(),
    /** The challenge the phone's card signs, issued at confirmation for the TV's operator and terminal. */
    challengeId: text("challenge_id"),
    /** SHA-256 of the secret the confirming phone holds. */
    phoneTokenHash: text("phone_token_hash"),
    failedAnswers: integer("failed_answers").notNull().default(0),
    /** Who answered (login, step-up) or registered: the cable ID only, never a serial. */
    cableId: text("cable_id"),
    /** Registration: cable ID, outcome, household link and receipt, handed to the TV once. */
    result: json("result"),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull(),
    confirmedAt: text("confirmed_at"),
    answeredAt: text("answered_at"),
    deliveredAt: text("delivered_at"),
  },
  (t) => [index("cross_device_requests_user_code").on(t.userCodeHash)],
);

/**
 * Shared rate limits: one token bucket per key (tokens left when last asked, and when). One upsert refills, decides
 * and takes, so every PF instance on the database draws on one budget (`platform/shared-rate-limits.ts`). The key
 * is an HMAC of the limit's name and its subject (a terminal ID, a certificate serial): no serial is stored here. A
 * bucket past the instant it is full again is the same as no row, and is swept.
 */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").primaryKey(),
    /** Tokens left after the latest request (fractional: the bucket refills continuously). */
    tokens: doublePrecision("tokens").notNull(),
    /** Epoch milliseconds of the latest request (a clock stepped backwards refills nothing and drains nothing). */
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    /** Epoch milliseconds at which the bucket holds its whole capacity again: the sweep's criterion. */
    fullAt: doublePrecision("full_at").notNull(),
    /** Whether the latest request was refused (written by the same statement that decided it, and read back). */
    lastRefused: boolean("last_refused").notNull().default(false),
  },
  (t) => [index("rate_limit_buckets_full_at").on(t.fullAt)],
);

/**
 * Failures counted in a fixed window per key (the administrator console's failed logins per login ID and per
 * address, wrong cross-device user codes per phone address), shared by every PF instance. The key is an HMAC of the limit's name and its subject; swept once the
 * window has ended.
 */
export const failureWindows = pgTable(
  "failure_windows",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    /** Epoch milliseconds at which the window ends (the first failure's time plus the window). */
    endsAt: bigint("ends_at", { mode: "number" }).notNull(),
  },
  (t) => [index("failure_windows_ends_at").on(t.endsAt)],
);

/**
 * The shared level of the OCSP answer cache (`revocation/ocsp-cache.ts`): J-LIS's answer for a certificate, until
 * its nextUpdate ("revoked") or a few seconds ("good"), so an answer one PF instance fetched serves the others. The
 * key is an HMAC of the certificate kind and serial. Bounded: expired rows are swept and, past the row cap, the
 * soonest-expiring are evicted.
 */
export const ocspAnswers = pgTable(
  "ocsp_answers",
  {
    key: text("key").primaryKey(),
    status: text("status", { enum: ["good", "revoked", "unknown"] }).notNull(),
    /** RFC 5280 CRLReason name of a revoked answer. */
    reason: text("reason"),
    revokedAt: text("revoked_at"),
    /** Epoch milliseconds after which the answer may not be used. */
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("ocsp_answers_expires_at").on(t.expiresAt)],
);
