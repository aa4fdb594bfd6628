/**
 * @module The healthcare provider's API as the TV app calls it through the PF proxy. All calls to this
 * provider live here so they are easy to align with `pf-server/providers/healthcare`.
 */
import type { PfClient } from "../pf/pf-client.ts";

export type Flag = "normal" | "high" | "low";
export interface CheckupItem {
  itemCode: string;
  name: string;
  value: number;
  unit: string;
  flag: Flag;
}
export interface CheckupSummary {
  checkupDate: string;
  items: CheckupItem[];
}
export interface Trend {
  itemCode: string;
  name: string;
  unit: string;
  points: { year: number; value: number }[];
  /** The normal range, drawn as a band on the chart. */
  referenceLow?: number;
  referenceHigh?: number;
}
export interface StepDay {
  date: string;
  steps: number;
}
export interface Notice {
  noticeId: string;
  date: string;
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
  summary = () => this.#pf.service<CheckupSummary>(this.#serviceId, "GET", "checkups/latest");
  trend = (itemCode: string) =>
    this.#pf.service<Trend>(this.#serviceId, "GET", `trends/${encodeURIComponent(itemCode)}`);
  async steps(): Promise<StepDay[]> {
    return (await this.#pf.service<{ days: StepDay[] }>(this.#serviceId, "GET", "steps?days=7")).days;
  }
  async notices(): Promise<Notice[]> {
    return (await this.#pf.service<{ notices: Notice[] }>(this.#serviceId, "GET", "notices")).notices;
  }
}
