/**
 * @module The read-only views the TV app shows (ヘルスケア情報): a summary with the latest checkup's flags, one
 * item's trend over the years, monthly steps, vaccinations and notices — the bodies of `@catv/contracts`'
 * healthcare API. Each reads only the asking viewer's rows.
 */
import type {
  checkupsResponseSchema,
  HealthSummary,
  noticesResponseSchema,
  Steps,
  Trend,
  vaccinationsResponseSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../errors.ts";
import { type HealthDeps, requireUser } from "./deps.ts";
import type { Checkup } from "./ports.ts";
import {
  type CheckupItem,
  checkupItemNames,
  checkupItems,
  type ItemResult,
  judge,
  type Sex,
} from "./reference-ranges.ts";

export const SAMPLE_LABEL = "サンプルデータ（架空の健康情報です）";

function results(checkup: Checkup, sex: Sex): ItemResult[] {
  return checkupItemNames.map((item) => judge(item, checkup[item], sex));
}

export async function getSummary(deps: HealthDeps, pairwiseId: string): Promise<HealthSummary> {
  const user = await requireUser(deps.store.users, pairwiseId);
  const all = await deps.store.records.checkups(user.id);
  const latest = all.at(-1);
  const items = latest ? results(latest, user.sampleSex) : [];
  const steps = (await deps.store.records.steps(user.id, 1))[0] ?? null;
  return {
    sample: SAMPLE_LABEL,
    profile: { sex: user.sampleSex, age: user.sampleAge },
    latestCheckup: latest ? { fiscalYear: latest.fiscalYear, examDate: latest.examDate, items } : null,
    flagged: {
      caution: items.filter((i) => i.flag === "caution").map((i) => i.item),
      seeDoctor: items.filter((i) => i.flag === "see_doctor").map((i) => i.item),
    },
    checkupYears: all.map((c) => c.fiscalYear),
    latestSteps: steps,
    latestNotice: (await deps.store.records.notices(user.id))[0] ?? null,
  };
}

export async function listCheckups(
  deps: HealthDeps,
  pairwiseId: string,
): Promise<z.infer<typeof checkupsResponseSchema>> {
  const user = await requireUser(deps.store.users, pairwiseId);
  return {
    sample: SAMPLE_LABEL,
    checkups: (await deps.store.records.checkups(user.id))
      .reverse()
      .map((c) => ({ fiscalYear: c.fiscalYear, examDate: c.examDate, items: results(c, user.sampleSex) })),
  };
}

export async function getTrend(deps: HealthDeps, pairwiseId: string, item: string): Promise<Trend> {
  if (!(checkupItemNames as string[]).includes(item)) {
    throw fail("not_found", `No checkup item "${item}"; items: ${checkupItemNames.join(", ")}.`);
  }
  const user = await requireUser(deps.store.users, pairwiseId);
  const key = item as CheckupItem;
  const spec = checkupItems[key];
  return {
    sample: SAMPLE_LABEL,
    item: key,
    label: spec.label,
    unit: spec.unit,
    reference: spec.reference(user.sampleSex),
    points: (await deps.store.records.checkups(user.id)).map((c) => ({
      fiscalYear: c.fiscalYear,
      examDate: c.examDate,
      value: c[key],
      flag: judge(key, c[key], user.sampleSex).flag,
    })),
  };
}

export async function listSteps(deps: HealthDeps, pairwiseId: string, months: number): Promise<Steps> {
  const user = await requireUser(deps.store.users, pairwiseId);
  return { sample: SAMPLE_LABEL, goalDaily: 8000, months: await deps.store.records.steps(user.id, months) };
}

export async function listVaccinations(
  deps: HealthDeps,
  pairwiseId: string,
): Promise<z.infer<typeof vaccinationsResponseSchema>> {
  const user = await requireUser(deps.store.users, pairwiseId);
  return { sample: SAMPLE_LABEL, vaccinations: await deps.store.records.vaccinations(user.id) };
}

export async function listNotices(
  deps: HealthDeps,
  pairwiseId: string,
): Promise<z.infer<typeof noticesResponseSchema>> {
  const user = await requireUser(deps.store.users, pairwiseId);
  return { sample: SAMPLE_LABEL, notices: await deps.store.records.notices(user.id) };
}
