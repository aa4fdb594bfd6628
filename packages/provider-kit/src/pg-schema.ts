/**
 * @module The PostgreSQL form of the table parts every provider's drizzle schema shares (schema.ts is the SQLite
 * form; the two must describe the same tables). Exported as `@catv/provider-kit/pg-schema`, apart from the kit's
 * index, so drizzle-kit loads nothing but drizzle when it reads a provider's PostgreSQL schema. Instants and dates
 * stay ISO-8601 text, as in SQLite, so both databases order and compare them alike and the record types are one.
 */
import { bigint, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";

/** The `users` columns behind the kit's `EnrolledUser`; a provider spreads them and adds its own. */
export function enrolledUserPgColumns() {
  return {
    id: text("id").primaryKey(),
    pairwiseId: text("pairwise_id").notNull().unique(),
    serviceId: text("service_id").notNull(),
    /** The viewer's CATV operator, learnt from the PF's enrolment.created event (null until it arrives). */
    operatorId: text("operator_id"),
    enrolledAt: text("enrolled_at").notNull(),
    consentScope: jsonb("consent_scope").$type<string[]>().notNull(),
    consentGrantedAt: text("consent_granted_at").notNull(),
    consentTextVersion: text("consent_text_version").notNull(),
  };
}

/** Every PF event once, keyed by its ID (delivery is at least once), with the raw JSON as it came. */
export const pfEventsPg = pgTable("pf_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: text("received_at").notNull(),
  payload: text("payload").notNull(),
});

/** The CATV operators this provider deals with (schema.ts `operators`). */
export const operatorsPg = pgTable("operators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  learntFrom: text("learnt_from", { enum: ["directory", "settlement"] }).notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * The PF assertion IDs (`jti`) already used, until their assertion expires: the replay guard every instance of a
 * provider shares (in SQLite's single process the guard is kept in memory). postgres/pg-replay-store.ts.
 */
export const usedAssertionsPg = pgTable(
  "used_assertions",
  {
    jti: text("jti").primaryKey(),
    /** Milliseconds since the epoch: until then a second use of the ID is refused. */
    expiresAtMs: bigint("expires_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [index("used_assertions_expiry_idx").on(t.expiresAtMs)],
);
