/**
 * @module The healthcare provider's tables (drizzle, SQLite). Every health table hangs off `users` with
 * ON DELETE CASCADE, so unenrolment deletes a viewer's data in one statement.
 */
import { enrolledUserColumns, operators, pfEvents } from "@catv/provider-kit/schema";
import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { operators, pfEvents };

export const users = sqliteTable("users", {
  ...enrolledUserColumns(),
  /** Sample profile generated with the data: "1" male, "2" female (JIS X 0303), age at enrolment. */
  sampleSex: text("sample_sex", { enum: ["1", "2"] }).notNull(),
  sampleAge: integer("sample_age").notNull(),
});

const owner = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

export const checkups = sqliteTable(
  "checkups",
  {
    userId: owner(),
    fiscalYear: integer("fiscal_year").notNull(),
    examDate: text("exam_date").notNull(),
    heightCm: real("height_cm").notNull(),
    weightKg: real("weight_kg").notNull(),
    bmi: real("bmi").notNull(),
    waistCm: real("waist_cm").notNull(),
    systolicBp: integer("systolic_bp").notNull(),
    diastolicBp: integer("diastolic_bp").notNull(),
    hba1c: real("hba1c").notNull(),
    ldl: integer("ldl").notNull(),
    hdl: integer("hdl").notNull(),
    triglycerides: integer("triglycerides").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.fiscalYear] })],
);

export const monthlySteps = sqliteTable(
  "monthly_steps",
  {
    userId: owner(),
    month: text("month").notNull(),
    totalSteps: integer("total_steps").notNull(),
    averageDaily: integer("average_daily").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] })],
);

export const vaccinations = sqliteTable("vaccinations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: owner(),
  vaccine: text("vaccine").notNull(),
  dose: integer("dose").notNull(),
  date: text("date").notNull(),
  place: text("place").notNull(),
});

export const notices = sqliteTable("notices", {
  id: text("id").primaryKey(),
  userId: owner(),
  publishedAt: text("published_at").notNull(),
  category: text("category", { enum: ["checkup", "guidance", "vaccination", "event"] }).notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
});

/** TV-channel usage per month and operator, counted without any link to a viewer (for the staff page). */
export const monthlyUsage = sqliteTable(
  "monthly_usage",
  {
    month: text("month").notNull(),
    operatorId: text("operator_id").notNull(),
    kind: text("kind", { enum: ["enrolment", "unenrolment", "view"] }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.operatorId, t.kind] })],
);
