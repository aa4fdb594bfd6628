/**
 * @module The healthcare provider's API (pf-server/providers/healthcare/README.md) as the TV app calls it
 * through the PF proxy. Every call to this provider lives here.
 */
import type { PfClient } from "../pf/pf-client.ts";

/** MHLW 特定健診 judgement: caution = 保健指導判定値, see_doctor = 受診勧奨判定値. */
export type Flag = "normal" | "caution" | "see_doctor";
export interface CheckupItem {
  item: string;
  label: string;
  value: number;
  unit: string;
  /** The normal range as the provider words it ("130未満", "18.5〜24.9"). */
  reference: string;
  flag: Flag;
}
export interface HealthSummary {
  latestCheckup: { fiscalYear: number; examDate: string; items: CheckupItem[] } | null;
}
export interface Trend {
  item: string;
  label: string;
  unit: string;
  reference: string;
  points: { fiscalYear: number; examDate: string; value: number; flag: Flag }[];
}
export interface StepMonth {
  month: string;
  totalSteps: number;
  averageDaily: number;
}
export interface Steps {
  goalDaily: number;
  months: StepMonth[];
}
export interface Notice {
  id: string;
  publishedAt: string;
  category: string;
  title: string;
  body: string;
}

export class HealthcareClient {
  #pf: PfClient;
  #serviceId: string;
  constructor(pf: PfClient, serviceId: string) {
    this.#pf = pf;
    this.#serviceId = serviceId;
  }
  summary = () => this.#pf.service<HealthSummary>(this.#serviceId, "GET", "summary");
  trend = (item: string) =>
    this.#pf.service<Trend>(this.#serviceId, "GET", `trends/${encodeURIComponent(item)}`);
  steps = () => this.#pf.service<Steps>(this.#serviceId, "GET", "steps?months=6");
  async notices(): Promise<Notice[]> {
    return (await this.#pf.service<{ notices: Notice[] }>(this.#serviceId, "GET", "notices")).notices;
  }
}
