/**
 * @module The console's SQLite schema (drizzle). Every business table carries `operator_id`: one deployment serves
 * several CATV operators and every query is scoped by it.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const operators = sqliteTable("operators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  town: text("town").notNull(),
  prefecture: text("prefecture").notNull(),
  /** Bearer secret for calls to the PF. A production deployment keeps it in a secret store. */
  pfApiKey: text("pf_api_key").notNull(),
  /** Standard Webhooks secret (`whsec_…`) the PF signs this operator's events with. */
  webhookSecret: text("webhook_secret").notNull(),
  /** 適格請求書発行事業者登録番号: "T" + 13 digits. */
  invoiceRegistrationNumber: text("invoice_registration_number").notNull(),
  /** The operator's collection fee (代行回収手数料) in basis points of the amount collected. */
  collectionFeeBasisPoints: integer("collection_fee_bp").notNull().default(500),
  /** STB terminals provisioned by this operator (JSON array of terminal IDs). */
  terminalIds: text("terminal_ids").notNull().default("[]"),
});

export const staff = sqliteTable(
  "staff",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id")
      .notNull()
      .references(() => operators.id),
    loginId: text("login_id").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["staff", "admin"] }).notNull(),
    passwordHash: text("password_hash").notNull(),
  },
  (t) => [uniqueIndex("staff_login_uq").on(t.loginId)],
);

export const sessions = sqliteTable("sessions", {
  /** SHA-256 of the cookie value: a stolen database does not yield usable session cookies. */
  idHash: text("id_hash").primaryKey(),
  staffId: integer("staff_id")
    .notNull()
    .references(() => staff.id),
  operatorId: text("operator_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
});

/**
 * Failed staff logins per login ID and per client address, one fixed window each, shared by every console on the
 * database. The key is a SHA-256 of the login ID or address, never either in clear.
 */
export { loginFailures } from "@catv/service-kit/login-failures-sqlite";

export const households = sqliteTable(
  "households",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    contractId: text("contract_id").notNull(),
    address: text("address").notNull(),
    /** Normalised address (see normalise-address.ts), for matching and search. */
    addressKey: text("address_key").notNull(),
    plan: text("plan").notNull(),
    /** Monthly cable fee, tax included (税込), at the standard 10% rate. */
    monthlyFeeYen: integer("monthly_fee_yen").notNull(),
    status: text("status", { enum: ["active", "closed"] })
      .notNull()
      .default("active"),
    /**
     * 利用開始日 (JST date): the cable fee is billed from the first month that begins on or after it. Filled for
     * households stored before the column existed from the JST date they were entered (migration 0002).
     */
    serviceStartDate: text("service_start_date").notNull().default(""),
    closedAt: text("closed_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("households_contract_uq").on(t.operatorId, t.contractId),
    index("households_address_idx").on(t.operatorId, t.addressKey),
  ],
);

export const members = sqliteTable(
  "members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    /** Stable member ID shown to staff and sent to the PF for assisted registration. */
    memberId: text("member_id").notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    birthDate: text("birth_date").notNull(),
    /** JIS X 0303: "1" male, "2" female, "9" not applicable. */
    gender: text("gender", { enum: ["1", "2", "9"] }).notNull(),
  },
  (t) => [
    uniqueIndex("members_member_uq").on(t.operatorId, t.memberId),
    index("members_match_idx").on(t.operatorId, t.birthDate),
    index("members_household_idx").on(t.householdId),
  ],
);

export const cableIds = sqliteTable(
  "cable_ids",
  {
    operatorId: text("operator_id").notNull(),
    cableId: text("cable_id").notNull(),
    status: text("status", { enum: ["pending", "linked", "revoked"] }).notNull(),
    householdId: integer("household_id"),
    memberId: integer("member_id"),
    linkMethod: text("link_method", { enum: ["auto", "manual", "assisted"] }),
    linkedAt: text("linked_at"),
    terminalId: text("terminal_id").notNull(),
    registeredAt: text("registered_at").notNull(),
    /** 4情報 shared with the viewer's consent for household matching only (JSON). */
    fourInfo: text("four_info").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.operatorId, t.cableId] }),
    index("cable_ids_household_idx").on(t.operatorId, t.householdId),
    index("cable_ids_status_idx").on(t.operatorId, t.status),
  ],
);

export const cableIdReviews = sqliteTable(
  "cable_id_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    cableId: text("cable_id").notNull(),
    kind: text("kind", { enum: ["renewed", "reissued", "revoked"] }).notNull(),
    previousFourInfo: text("previous_four_info"),
    newFourInfo: text("new_four_info"),
    detail: text("detail"),
    receivedAt: text("received_at").notNull(),
    reviewedAt: text("reviewed_at"),
    reviewedBy: text("reviewed_by"),
  },
  (t) => [index("reviews_open_idx").on(t.operatorId, t.reviewedAt)],
);

export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    operatorId: text("operator_id").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.eventId] })],
);

export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    usageId: text("usage_id").notNull(),
    cableId: text("cable_id").notNull(),
    providerId: text("provider_id").notNull(),
    providerName: text("provider_name").notNull(),
    serviceId: text("service_id").notNull(),
    kind: text("kind", { enum: ["charge", "reversal"] }).notNull(),
    /** Tax-included amount (税込), always positive; a reversal subtracts it. */
    amountYen: integer("amount_yen").notNull(),
    taxRatePercent: integer("tax_rate_percent").notNull(),
    description: text("description").notNull(),
    occurredAt: text("occurred_at").notNull(),
    reversesUsageId: text("reverses_usage_id"),
    /** The open month this record is billed in; late records move to the next open month. */
    billingMonth: text("billing_month").notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("usage_usage_uq").on(t.operatorId, t.usageId),
    index("usage_month_idx").on(t.operatorId, t.billingMonth, t.cableId),
    index("usage_cable_idx").on(t.operatorId, t.cableId),
    // The usage page shows each charge with the reversal that cancels it; only reversals have this column.
    index("usage_reverses_idx")
      .on(t.operatorId, t.reversesUsageId)
      .where(sql`${t.reversesUsageId} IS NOT NULL`),
  ],
);

export const billingMonths = sqliteTable(
  "billing_months",
  {
    operatorId: text("operator_id").notNull(),
    month: text("month").notNull(),
    closedAt: text("closed_at").notNull(),
    closedBy: text("closed_by").notNull(),
    collectionFeeBasisPoints: integer("collection_fee_bp").notNull(),
    statementCount: integer("statement_count").notNull(),
    totalYen: integer("total_yen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.month] })],
);

export const statements = sqliteTable(
  "statements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    month: text("month").notNull(),
    householdId: integer("household_id").notNull(),
    contractId: text("contract_id").notNull(),
    address: text("address").notNull(),
    /** Tax-included totals per rate (適格請求書: 税率ごとに区分した合計と消費税額). */
    total10Yen: integer("total10_yen").notNull(),
    tax10Yen: integer("tax10_yen").notNull(),
    total8Yen: integer("total8_yen").notNull(),
    tax8Yen: integer("tax8_yen").notNull(),
    total0Yen: integer("total0_yen").notNull(),
    totalYen: integer("total_yen").notNull(),
  },
  (t) => [
    uniqueIndex("statements_household_uq").on(t.operatorId, t.month, t.householdId),
    index("statements_month_idx").on(t.operatorId, t.month, t.contractId),
  ],
);

export const statementLines = sqliteTable(
  "statement_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    statementId: integer("statement_id").notNull(),
    kind: text("kind", { enum: ["cable_fee", "charge", "reversal"] }).notNull(),
    usageId: text("usage_id"),
    providerId: text("provider_id"),
    description: text("description").notNull(),
    /** Signed, tax included: reversals are negative. */
    amountYen: integer("amount_yen").notNull(),
    taxRatePercent: integer("tax_rate_percent").notNull(),
  },
  (t) => [index("statement_lines_statement_idx").on(t.statementId)],
);

export const settlements = sqliteTable(
  "settlements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    month: text("month").notNull(),
    providerId: text("provider_id").notNull(),
    providerName: text("provider_name").notNull(),
    recordsCollected: integer("records_collected").notNull(),
    reversals: integer("reversals").notNull(),
    uncollected: integer("uncollected").notNull(),
    grossYen: integer("gross_yen").notNull(),
    collectionFeeYen: integer("collection_fee_yen").notNull(),
    netPayableYen: integer("net_payable_yen").notNull(),
    status: text("status", { enum: ["pending", "accepted"] }).notNull(),
    pfSettlementId: text("pf_settlement_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
  },
  (t) => [uniqueIndex("settlements_uq").on(t.operatorId, t.month, t.providerId)],
);

export const pfLinkOutbox = sqliteTable(
  "pf_link_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    cableId: text("cable_id").notNull(),
    status: text("status", { enum: ["linked", "pending"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    doneAt: text("done_at"),
  },
  (t) => [index("outbox_open_idx").on(t.doneAt)],
);

export const assistedRegistrations = sqliteTable("assisted_registrations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  operatorId: text("operator_id").notNull(),
  householdId: integer("household_id").notNull(),
  memberId: text("member_id").notNull(),
  terminalId: text("terminal_id").notNull(),
  registrationSessionId: text("registration_session_id").notNull(),
  expiresAt: text("expires_at").notNull(),
  openedBy: text("opened_by").notNull(),
  openedAt: text("opened_at").notNull(),
});

export const pfFeeStatements = sqliteTable(
  "pf_fee_statements",
  {
    operatorId: text("operator_id").notNull(),
    month: text("month").notNull(),
    body: text("body").notNull(),
    fetchedAt: text("fetched_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.month] })],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    operatorId: text("operator_id").notNull(),
    at: text("at").notNull(),
    staffLoginId: text("staff_login_id").notNull(),
    action: text("action").notNull(),
    householdId: integer("household_id"),
    contractId: text("contract_id"),
    /** Short, non-personal description of what changed (IDs, counts; never names or birth dates). */
    detail: text("detail").notNull(),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("audit_operator_idx").on(t.operatorId, t.at)],
);
