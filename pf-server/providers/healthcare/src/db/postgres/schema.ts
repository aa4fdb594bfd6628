/**
 * @module The healthcare provider's tables in PostgreSQL (drizzle `pg-core`), the same tables as ../schema.ts (the
 * SQLite form): change both together. Every health table hangs off `users` with ON DELETE CASCADE, so unenrolment
 * deletes a viewer's data in one statement. `npm run db:generate:pg` turns this file into `drizzle/pg/`.
 */
import {
  enrolledUserPgColumns,
  operatorsPg,
  pfEventsPg,
  usedAssertionsPg,
} from "@catv/provider-kit/pg-schema";
import { doublePrecision, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

export { operatorsPg as operators, pfEventsPg as pfEvents, usedAssertionsPg as usedAssertions };

export const users = pgTable("users", {
  ...enrolledUserPgColumns(),
  /** Sample profile generated with the data: "1" male, "2" female (JIS X 0303), age at enrolment. */
  sampleSex: text("sample_sex", { enum: ["1", "2"] }).notNull(),
  sampleAge: integer("sample_age").notNull(),
});

const owner = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

export const checkups = pgTable(
  "checkups",
  {
    userId: owner(),
    fiscalYear: integer("fiscal_year").notNull(),
    examDate: text("exam_date").notNull(),
    heightCm: doublePrecision("height_cm").notNull(),
    weightKg: doublePrecision("weight_kg").notNull(),
    bmi: doublePrecision("bmi").notNull(),
    waistCm: doublePrecision("waist_cm").notNull(),
    systolicBp: integer("systolic_bp").notNull(),
    diastolicBp: integer("diastolic_bp").notNull(),
    hba1c: doublePrecision("hba1c").notNull(),
    ldl: integer("ldl").notNull(),
    hdl: integer("hdl").notNull(),
    triglycerides: integer("triglycerides").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.fiscalYear] })],
);

export const monthlySteps = pgTable(
  "monthly_steps",
  {
    userId: owner(),
    month: text("month").notNull(),
    totalSteps: integer("total_steps").notNull(),
    averageDaily: integer("average_daily").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] })],
);

export const vaccinations = pgTable("vaccinations", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  userId: owner(),
  vaccine: text("vaccine").notNull(),
  dose: integer("dose").notNull(),
  date: text("date").notNull(),
  place: text("place").notNull(),
});

export const notices = pgTable("notices", {
  id: text("id").primaryKey(),
  userId: owner(),
  publishedAt: text("published_at").notNull(),
  category: text("category", { enum: ["checkup", "guidance", "vaccination", "event"] }).notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
});

/** TV-channel usage per month and operator, counted without any link to a viewer (for the staff page). */
export const monthlyUsage = pgTable(
  "monthly_usage",
  {
    month: text("month").notNull(),
    operatorId: text("operator_id").notNull(),
    kind: text("kind", { enum: ["enrolment", "unenrolment", "view"] }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.operatorId, t.kind] })],
);
