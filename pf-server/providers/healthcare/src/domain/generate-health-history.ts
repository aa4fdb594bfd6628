/**
 * @module サンプルデータ: a plausible health history for a viewer nobody here knows. The provider has no real
 * records, so at enrolment it derives one deterministically from the pairwise ID (the same ID always gets the
 * same history): a sex and an age in the 特定健診 range (40–74), five years of checkups drifting the way an
 * ageing body does, two years of monthly step counts with a winter dip, vaccinations and notices that follow
 * from the results. Nothing here describes a real person.
 */
import { jstDate } from "@catv/contracts/calendar";
import { seededPrng } from "@catv/provider-kit";
import type { Checkup, HealthHistory, MonthlySteps, Notice, Vaccination } from "./ports.ts";
import { type CheckupItem, judge, type Sex } from "./reference-ranges.ts";

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Japanese fiscal year (April–March) of a JST date. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export interface GeneratedProfile {
  sex: Sex;
  age: number;
}

export function generateHealthHistory(
  pairwiseId: string,
  enrolledAt: Date,
): { profile: GeneratedProfile; history: HealthHistory } {
  const rng = seededPrng(`healthcare-sample-v1:${pairwiseId}`);
  const today = jstDate(enrolledAt);
  const sex: Sex = rng.chance(0.5) ? "1" : "2";
  const age = rng.int(40, 74);
  const male = sex === "1";

  // A latent tendency (0 = lean and healthy, 1 = metabolic risk) shapes every item, as it does in life.
  const risk = rng.next();
  const height = round1(rng.normal(male ? 168 : 155, 5));
  let weight = rng.normal(male ? 62 : 50, 5) + risk * (male ? 18 : 14);
  let sbp = 112 + risk * 28 + (age - 40) * 0.4 + rng.normal(0, 5);
  let hba1c = 5.2 + risk * 0.9 + rng.normal(0, 0.15);
  let ldl = 100 + risk * 45 + rng.normal(0, 12);
  const hdlBase = (male ? 58 : 68) - risk * 22 + rng.normal(0, 6);
  let tg = 80 + risk * 140 + rng.normal(0, 25);

  const lastFy = fiscalYearOf(today) - 1;
  const checkups: Checkup[] = [];
  for (let fy = lastFy - 4; fy <= lastFy; fy++) {
    // Each year drifts a little, more for those at risk.
    weight += rng.normal(0.2 + risk * 0.6, 0.8);
    sbp += rng.normal(0.6 + risk, 3);
    hba1c += rng.normal(0.03 + risk * 0.06, 0.05);
    ldl += rng.normal(1 + risk * 2, 6);
    tg += rng.normal(risk * 8, 20);
    const bmi = round1(weight / (height / 100) ** 2);
    const month = rng.int(6, 10);
    const values: Record<CheckupItem, number> = {
      heightCm: height,
      weightKg: round1(weight),
      bmi,
      waistCm: round1((male ? 62 : 58) + bmi * 1.05 + rng.normal(0, 2)),
      systolicBp: Math.round(sbp),
      diastolicBp: Math.round(sbp * 0.63 + rng.normal(0, 4)),
      hba1c: round1(hba1c),
      ldl: Math.round(ldl),
      hdl: Math.max(26, Math.round(hdlBase + rng.normal(0, 3))),
      triglycerides: Math.max(40, Math.round(tg)),
    };
    checkups.push({
      fiscalYear: fy,
      examDate: `${fy}-${String(month).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      ...values,
    });
  }

  const steps: MonthlySteps[] = [];
  const habit = 4500 + (1 - risk) * 4000 + rng.normal(0, 800);
  const [ty, tm] = today.split("-").map(Number) as [number, number];
  for (let back = 24; back >= 1; back--) {
    const d = new Date(Date.UTC(ty, tm - 1 - back, 1));
    const month = d.toISOString().slice(0, 7);
    const m = d.getUTCMonth() + 1;
    const days = new Date(Date.UTC(d.getUTCFullYear(), m, 0)).getUTCDate();
    // Snow country (南砺市, 須坂市) walks less in winter.
    const season = m === 12 || m <= 2 ? 0.78 : m >= 4 && m <= 10 ? 1.06 : 0.95;
    const averageDaily = Math.max(800, Math.round(habit * season + rng.normal(0, 600)));
    steps.push({ month, averageDaily, totalSteps: averageDaily * days });
  }

  const vaccinations: Vaccination[] = [];
  const places = ["市内協力医療機関", "かかりつけ医", "市保健センター（集団接種）"];
  for (let fy = lastFy - 3; fy <= lastFy + (today.slice(5) >= "11-01" ? 1 : 0); fy++) {
    if (rng.chance(age >= 65 ? 0.85 : 0.55)) {
      vaccinations.push({
        vaccine: "インフルエンザ",
        dose: 1,
        date: `${fy}-${rng.pick(["10", "11"])}-${String(rng.int(1, 28)).padStart(2, "0")}`,
        place: rng.pick(places),
      });
    }
  }
  if (rng.chance(0.7)) {
    vaccinations.push({
      vaccine: "新型コロナウイルス",
      dose: 1,
      date: `${lastFy - 2}-10-${String(rng.int(10, 28))}`,
      place: places[2]!,
    });
  }
  if (age >= 65 && rng.chance(0.6)) {
    vaccinations.push({
      vaccine: "高齢者肺炎球菌",
      dose: 1,
      date: `${lastFy - 1}-06-${String(rng.int(10, 28))}`,
      place: places[0]!,
    });
  }
  vaccinations.sort((a, b) => b.date.localeCompare(a.date));

  const latest = checkups.at(-1)!;
  const flags = (Object.keys(latest) as (keyof Checkup)[])
    .filter((k) => k !== "fiscalYear" && k !== "examDate")
    .map((k) => judge(k as CheckupItem, latest[k as CheckupItem], sex));
  const notices: Notice[] = [];
  const n = (id: string, publishedAt: string, category: Notice["category"], title: string, body: string) =>
    notices.push({ id: `${pairwiseId.slice(-8)}-${id}`, publishedAt, category, title, body });
  n(
    "checkup",
    `${lastFy + 1}-05-01`,
    "checkup",
    `令和${lastFy + 1 - 2018}年度 特定健康診査のご案内`,
    "受診券をお送りしました。6月から10月までに、市内の実施医療機関で受診してください。自己負担は無料です。（サンプルデータ）",
  );
  if (flags.some((f) => f.flag === "see_doctor")) {
    n(
      "doctor",
      `${latest.examDate}`,
      "guidance",
      "医療機関への受診のおすすめ",
      `前回の健診で受診勧奨判定値を超えた項目（${flags
        .filter((f) => f.flag === "see_doctor")
        .map((f) => f.label)
        .join("・")}）があります。早めにかかりつけ医にご相談ください。（サンプルデータ）`,
    );
  } else if (flags.filter((f) => f.flag === "caution").length >= 2) {
    n(
      "guidance",
      `${latest.examDate}`,
      "guidance",
      "特定保健指導のご案内",
      "保健師・管理栄養士が生活習慣の見直しをお手伝いします。市保健センターまでお申し込みください。（サンプルデータ）",
    );
  }
  n(
    "flu",
    `${fiscalYearOf(today)}-09-20`,
    "vaccination",
    "高齢者インフルエンザ予防接種費用の助成",
    "65歳以上の方と60〜64歳で対象となる方は、10月1日から接種費用の一部を市が助成します。（サンプルデータ）",
  );
  n(
    "walk",
    `${fiscalYearOf(today)}-04-15`,
    "event",
    "健康ポイント事業「まちなかウォーキング」参加者募集",
    "1日8,000歩を目標に歩いてポイントをためましょう。ためたポイントは地域商品券と交換できます。（サンプルデータ）",
  );
  const published = notices.filter((x) => x.publishedAt <= today);
  published.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  return {
    profile: { sex, age },
    history: {
      checkups,
      steps,
      vaccinations: vaccinations.filter((v) => v.date <= today),
      notices: published,
    },
  };
}
