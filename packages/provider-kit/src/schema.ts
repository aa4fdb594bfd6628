/**
 * @module Table parts every provider's drizzle schema shares (SQLite): the enrolled-user columns, the PF events
 * table and the operator directory. Exported as `@catv/provider-kit/schema`, apart from the kit's index, so drizzle-kit
 * loads nothing but drizzle when it reads a provider's schema. Changing a column here changes both providers'
 * databases: run `npm run db:generate` in each.
 */
import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The `users` columns behind the kit's `EnrolledUser`; a provider spreads them and adds its own. */
export function enrolledUserColumns() {
  return {
    id: text("id").primaryKey(),
    pairwiseId: text("pairwise_id").notNull().unique(),
    serviceId: text("service_id").notNull(),
    /** The viewer's CATV operator, learnt from the PF's enrolment.created event (null until it arrives). */
    operatorId: text("operator_id"),
    enrolledAt: text("enrolled_at").notNull(),
    consentScope: text("consent_scope", { mode: "json" }).$type<string[]>().notNull(),
    consentGrantedAt: text("consent_granted_at").notNull(),
    consentTextVersion: text("consent_text_version").notNull(),
  };
}

/** Every PF event once, keyed by its ID (delivery is at least once), with the raw JSON as it came. */
export const pfEvents = sqliteTable("pf_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: text("received_at").notNull(),
  payload: text("payload").notNull(),
});

/**
 * The CATV operators this provider deals with, by the ID the PF's events carry, so staff pages show a name: from the
 * installation's directory at start (the demo credentials) and from every `settlement.issued` (`operatorName`).
 */
export const operators = sqliteTable("operators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  learntFrom: text("learnt_from", { enum: ["directory", "settlement"] }).notNull(),
  updatedAt: text("updated_at").notNull(),
});
