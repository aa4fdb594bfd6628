/**
 * @module The table of cross-device requests (a phone reads the card for the TV, RFC 8628), apart from schema.ts so
 * that the feature's storage reads in one place; schema.ts re-exports it for drizzle-kit and the store.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const crossDeviceRequests = sqliteTable(
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
    result: text("result", { mode: "json" }),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull(),
    confirmedAt: text("confirmed_at"),
    answeredAt: text("answered_at"),
    deliveredAt: text("delivered_at"),
  },
  (t) => [index("cross_device_requests_user_code").on(t.userCodeHash)],
);
