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

export function getSummary(deps: HealthDeps, pairwiseId: string): HealthSummary {
  const user = requireUser(deps, pairwiseId);
  const all = deps.store.checkups(user.id);
  const latest = all.at(-1);
  const items = latest ? results(latest, user.sampleSex) : [];
  const steps = deps.store.steps(user.id, 1)[0] ?? null;
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
    latestNotice: deps.store.notices(user.id)[0] ?? null,
  };
}

export function listCheckups(deps: HealthDeps, pairwiseId: string): z.infer<typeof checkupsResponseSchema> {
  const user = requireUser(deps, pairwiseId);
  return {
    sample: SAMPLE_LABEL,
    checkups: deps.store
      .checkups(user.id)
      .reverse()
      .map((c) => ({ fiscalYear: c.fiscalYear, examDate: c.examDate, items: results(c, user.sampleSex) })),
  };
}

export function getTrend(deps: HealthDeps, pairwiseId: string, item: string): Trend {
  if (!(checkupItemNames as string[]).includes(item)) {
    throw fail("not_found", `No checkup item "${item}"; items: ${checkupItemNames.join(", ")}.`);
  }
  const user = requireUser(deps, pairwiseId);
  const key = item as CheckupItem;
  const spec = checkupItems[key];
  return {
    sample: SAMPLE_LABEL,
    item: key,
    label: spec.label,
    unit: spec.unit,
    reference: spec.reference(user.sampleSex),
    points: deps.store.checkups(user.id).map((c) => ({
      fiscalYear: c.fiscalYear,
      examDate: c.examDate,
      value: c[key],
      flag: judge(key, c[key], user.sampleSex).flag,
    })),
  };
}

export function listSteps(deps: HealthDeps, pairwiseId: string, months: number): Steps {
  const user = requireUser(deps, pairwiseId);
  return { sample: SAMPLE_LABEL, goalDaily: 8000, months: deps.store.steps(user.id, months) };
}

export function listVaccinations(
  deps: HealthDeps,
  pairwiseId: string,
): z.infer<typeof vaccinationsResponseSchema> {
  const user = requireUser(deps, pairwiseId);
  return { sample: SAMPLE_LABEL, vaccinations: deps.store.vaccinations(user.id) };
}

export function listNotices(deps: HealthDeps, pairwiseId: string): z.infer<typeof noticesResponseSchema> {
  const user = requireUser(deps, pairwiseId);
  return { sample: SAMPLE_LABEL, notices: deps.store.notices(user.id) };
}
