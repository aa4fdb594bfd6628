/**
 * @module ヘルスケア情報: the latest checkup with the provider's judgement per item (flagged items first), an
 * item's trend over the years, the monthly average steps against the goal, and the newest notice. Item names,
 * judgements, reference ranges and dates are put in the viewer's language here, so the screen only draws.
 */
import type { ServiceSummary } from "../../lib/pf/pf-client.ts";
import {
  type CheckupItemName,
  type CheckupItemResult,
  type Flag,
  HealthcareClient,
  type Notice,
  type Steps,
} from "../../lib/providers/healthcare-client.ts";
import type { AppContext } from "../app-context.ts";
import type { HealthItem, ScreenSpec } from "../screen-spec.ts";

const FLAG_ORDER: Record<Flag, number> = { see_doctor: 0, caution: 1, normal: 2 };
/**
 * The 特定健診 items the TV has names for (`health.item.<item>` in both languages): the contract's
 * `checkupItemNameSchema`, which health.test.ts holds this to (the app imports no zod).
 */
export const CHECKUP_ITEMS = [
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
] as const satisfies readonly CheckupItemName[];
/** Room above the highest bar for its value, as a share of the chart's height. */
const STEPS_HEADROOM = 1.1;

export class HealthFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  async open(service: ServiceSummary): Promise<void> {
    const client = new HealthcareClient(this.#app.pf, service.serviceId);
    const data = await this.#app.load(() =>
      Promise.all([client.summary(), client.steps(), client.notices()]),
    );
    if (!data) return;
    const [summary, steps, notices] = data;
    this.#app.nav.go(() => this.#spec(client, summary.latestCheckup, steps, notices));
  }

  #spec(
    client: HealthcareClient,
    checkup: { examDate: string; items: CheckupItemResult[] } | null,
    steps: Steps,
    notices: Notice[],
  ): ScreenSpec {
    const { t, format } = this.#app;
    const items = [...(checkup?.items ?? [])].sort((a, b) => FLAG_ORDER[a.flag] - FLAG_ORDER[b.flag]);
    const months = steps.months.slice(-6);
    const top = Math.max(steps.goalDaily, ...months.map((m) => m.averageDaily)) * STEPS_HEADROOM;
    const notice = notices[0];
    return {
      kind: "health",
      name: "health",
      title: t("health.title"),
      checkup: checkup
        ? t("health.checkup", { date: format.fullDate(checkup.examDate) })
        : t("health.noCheckup"),
      items: items.map((item) => this.#item(item)),
      stepsTitle: t("health.steps", { goal: format.amount(steps.goalDaily) }),
      steps: months.map((m) => ({
        month: format.month(m.month),
        average: format.amount(m.averageDaily),
        ratio: m.averageDaily / top,
        reached: m.averageDaily >= steps.goalDaily,
      })),
      goalRatio: steps.goalDaily / top,
      notice: notice
        ? {
            heading: t("health.noticeHeading", { date: format.fullDate(notice.publishedAt) }),
            title: notice.title,
          }
        : null,
      noNotices: t("health.noNotices"),
      loadTrend: (item) => client.trend(item),
    };
  }

  #item(item: CheckupItemResult): HealthItem {
    const { t, format } = this.#app;
    const status = [t(`health.flag.${item.flag}`)];
    // No range for some items (height, weight): say nothing rather than "基準 —".
    if (item.reference) status.push(t("health.reference", { range: format.referenceRange(item.reference) }));
    const name = this.#itemName(item.item, item.label);
    return {
      item: item.item,
      label: name,
      value: item.unit ? `${item.value} ${item.unit}` : String(item.value),
      status: status.join("　"),
      flag: item.flag,
      trendTitle: item.unit
        ? t("health.trend", { item: name, unit: item.unit })
        : t("health.trendNoUnit", { item: name }),
    };
  }

  /** The item's name in the viewer's language; an item the TV does not know keeps the provider's name. */
  #itemName(item: string, providerLabel: string): string {
    return (CHECKUP_ITEMS as readonly string[]).includes(item)
      ? this.#app.t(`health.item.${item}`)
      : providerLabel;
  }
}
