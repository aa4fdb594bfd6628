/**
 * @module The healthcare provider's API (ヘルスケア情報), as the TV app calls it through the PF proxy with the
 * PF's assertion. Read-only and sample data; the provider answers bodies these schemas parse and the TV app reads
 * the inferred types.
 */
import { z } from "zod";

const isoDate = z.iso.date();
/** Every body names its data as a sample: nothing here is anyone's real health information. */
const sample = z.string();

/** MHLW 特定健診 judgement: caution = 保健指導判定値, see_doctor = 受診勧奨判定値. */
export const flagSchema = z.enum(["normal", "caution", "see_doctor"]);
export const checkupItemNameSchema = z.enum([
  "heightCm",
  "weightKg",
  "bmi",
  "waistCm",
  "systolicBp",
  "diastolicBp",
  "hba1c",
  "ldl",
  "hdl",
  "triglycerides",
]);
export const checkupItemResultSchema = z.object({
  item: checkupItemNameSchema,
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  /** The normal range as the provider words it ("130未満", "18.5〜24.9"). */
  reference: z.string(),
  flag: flagSchema,
});
export const checkupSchema = z.object({
  fiscalYear: z.number().int(),
  examDate: isoDate,
  items: z.array(checkupItemResultSchema),
});
export const stepMonthSchema = z.object({
  month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
  totalSteps: z.number().int().nonnegative(),
  averageDaily: z.number().int().nonnegative(),
});
export const noticeSchema = z.object({
  id: z.string(),
  /** The day the notice was published. */
  publishedAt: isoDate,
  category: z.enum(["checkup", "guidance", "vaccination", "event"]),
  title: z.string(),
  body: z.string(),
});

/** GET /summary */
export const healthSummarySchema = z.object({
  sample,
  profile: z.object({ sex: z.enum(["1", "2"]), age: z.number().int() }),
  latestCheckup: checkupSchema.nullable(),
  flagged: z.object({ caution: z.array(checkupItemNameSchema), seeDoctor: z.array(checkupItemNameSchema) }),
  checkupYears: z.array(z.number().int()),
  latestSteps: stepMonthSchema.nullable(),
  latestNotice: noticeSchema.nullable(),
});
/** GET /checkups — newest first. */
export const checkupsResponseSchema = z.object({ sample, checkups: z.array(checkupSchema) });
/** GET /trends/{item} — oldest first. */
export const trendSchema = z.object({
  sample,
  item: checkupItemNameSchema,
  label: z.string(),
  unit: z.string(),
  reference: z.string(),
  points: z.array(
    z.object({ fiscalYear: z.number().int(), examDate: isoDate, value: z.number(), flag: flagSchema }),
  ),
});
/** GET /steps?months= */
export const stepsQuerySchema = z.object({ months: z.coerce.number().int().min(1).max(24).default(12) });
export const stepsSchema = z.object({
  sample,
  goalDaily: z.number().int().positive(),
  months: z.array(stepMonthSchema),
});
/** GET /vaccinations */
export const vaccinationsResponseSchema = z.object({
  sample,
  vaccinations: z.array(
    z.object({ vaccine: z.string(), dose: z.number().int(), date: isoDate, place: z.string() }),
  ),
});
/** GET /notices — newest first. */
export const noticesResponseSchema = z.object({ sample, notices: z.array(noticeSchema) });

export type Flag = z.infer<typeof flagSchema>;
export type CheckupItemName = z.infer<typeof checkupItemNameSchema>;
export type CheckupItemResult = z.infer<typeof checkupItemResultSchema>;
export type HealthSummary = z.infer<typeof healthSummarySchema>;
export type Trend = z.infer<typeof trendSchema>;
export type StepMonth = z.infer<typeof stepMonthSchema>;
export type Steps = z.infer<typeof stepsSchema>;
export type Notice = z.infer<typeof noticeSchema>;
