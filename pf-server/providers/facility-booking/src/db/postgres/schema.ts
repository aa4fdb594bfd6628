/**
 * @module The facility provider's tables in PostgreSQL (drizzle `pg-core`), the same tables as ../schema.ts (the
 * SQLite form): change both together. Dates of use are JST calendar dates as `YYYY-MM-DD`; instants are ISO-8601
 * UTC strings, as in SQLite, so both order and compare them alike. `npm run db:generate:pg` turns this file into
 * `drizzle/pg/`.
 */

import {
  enrolledUserPgColumns,
  operatorsPg,
  pfEventsPg,
  usedAssertionsPg,
} from "@catv/provider-kit/pg-schema";
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

export { operatorsPg as operators, pfEventsPg as pfEvents, usedAssertionsPg as usedAssertions };

export const towns = pgTable("towns", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  prefecture: text("prefecture").notNull(),
});

export const facilities = pgTable(
  "facilities",
  {
    id: text("id").primaryKey(),
    townCode: text("town_code")
      .notNull()
      .references(() => towns.code),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["gym", "hall", "meeting_room", "tennis_court"] }).notNull(),
    capacity: integer("capacity").notNull(),
    address: text("address").notNull(),
    opensAt: text("opens_at").notNull(),
    closesAt: text("closes_at").notNull(),
    /** Weekdays the facility is closed, 0 = Sunday … 6 = Saturday, as a JSON array. */
    closedWeekdays: jsonb("closed_weekdays").$type<number[]>().notNull(),
    note: text("note").notNull(),
  },
  (t) => [index("facilities_town_idx").on(t.townCode)],
);

export const facilitySlots = pgTable(
  "facility_slots",
  {
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    code: text("code").notNull(),
    label: text("label").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    /** Tax-included fee per slot in yen; 0 = free. */
    feeYen: integer("fee_yen").notNull(),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.code] })],
);

export const users = pgTable("users", enrolledUserPgColumns());

export const bookings = pgTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    /** Null once the viewer unenrolled: the fee record stays, the link to the person goes. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    useDate: text("use_date").notNull(),
    slotCode: text("slot_code").notNull(),
    status: text("status", { enum: ["booked", "cancelled"] }).notNull(),
    feeYen: integer("fee_yen").notNull(),
    taxRatePercent: integer("tax_rate_percent").notNull(),
    serviceId: text("service_id").notNull(),
    operatorId: text("operator_id"),
    createdAt: text("created_at").notNull(),
    cancelledAt: text("cancelled_at"),
    /** On cancellation of a fee-bearing booking: refunded (a reversal was reported) or kept (past the window). */
    feeOutcome: text("fee_outcome", { enum: ["charged", "refunded", "kept", "free"] }).notNull(),
  },
  (t) => [
    // No double booking: at most one live booking per facility, date and slot, enforced by the database itself.
    uniqueIndex("bookings_live_slot_uq")
      .on(t.facilityId, t.useDate, t.slotCode)
      .where(sql`status = 'booked'`),
    index("bookings_user_idx").on(t.userId, t.status),
  ],
);

export const usageOutbox = pgTable(
  "usage_outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    bookingId: text("booking_id").notNull(),
    kind: text("kind", { enum: ["charge", "reversal"] }).notNull(),
    /** The exact usageReportRequest body, frozen at creation so every retry sends the same bytes. */
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "accepted", "rejected"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    usageId: text("usage_id"),
    createdAt: text("created_at").notNull(),
    acceptedAt: text("accepted_at"),
    /** The worker sending the report now, and until when (usage-outbox.ts in the kit): others leave it alone. */
    leaseOwner: text("lease_owner"),
    leaseUntil: text("lease_until"),
  },
  (t) => [
    // A claim reads only pending reports, oldest first, and asks of each whether its booking has an earlier one
    // pending: without these, each claim walks every report ever sent, so a month of usage would cost a number of
    // rows read that grows with the square of the reports.
    index("usage_outbox_pending").on(t.id).where(sql`status = 'pending'`),
    index("usage_outbox_pending_booking").on(t.bookingId, t.id).where(sql`status = 'pending'`),
  ],
);

export const settlements = pgTable(
  "settlements",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    operatorId: text("operator_id").notNull(),
    operatorName: text("operator_name").notNull(),
    town: text("town").notNull(),
    month: text("month").notNull(),
    recordsCollected: integer("records_collected").notNull(),
    reversals: integer("reversals").notNull(),
    grossYen: integer("gross_yen").notNull(),
    collectionFeeYen: integer("collection_fee_yen").notNull(),
    netPayableYen: integer("net_payable_yen").notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [index("settlements_month_idx").on(t.month)],
);

export const settlementRecords = pgTable(
  "settlement_records",
  {
    settlementId: text("settlement_id")
      .notNull()
      .references(() => settlements.id, { onDelete: "cascade" }),
    providerReference: text("provider_reference").notNull(),
    status: text("status", { enum: ["collected", "reversed", "uncollected"] }).notNull(),
    amountYen: integer("amount_yen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.settlementId, t.providerReference] })],
);

/**
 * Slots staff closed to new bookings (受付停止), e.g. for maintenance. A booking made before the closure stands;
 * its viewer is shown `notice_to_booked`.
 */
export const slotClosures = pgTable(
  "slot_closures",
  {
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    useDate: text("use_date").notNull(),
    slotCode: text("slot_code").notNull(),
    /** Shown to every viewer with the closed slot (設備点検, 行事のため). */
    reason: text("reason").notNull(),
    noticeToBooked: text("notice_to_booked").notNull(),
    closedAt: text("closed_at").notNull(),
    closedBy: text("closed_by").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.facilityId, t.useDate, t.slotCode] }),
    index("slot_closures_date_idx").on(t.useDate),
  ],
);

/** What staff did on the staff page, and what they were refused, by login ID: no viewer appears in it. */
export const staffAudit = pgTable(
  "staff_audit",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: text("at").notNull(),
    staff: text("staff").notNull(),
    action: text("action", { enum: ["slot.close", "slot.reopen"] }).notNull(),
    /** `done`, or the code of the refusal. */
    outcome: text("outcome").notNull(),
    facilityId: text("facility_id").notNull(),
    useDate: text("use_date").notNull(),
    slotCode: text("slot_code").notNull(),
    detail: text("detail"),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("staff_audit_at_idx").on(t.at)],
);
