/**
 * @module The healthcare provider's API (its contract: packages/contracts/src/healthcare-api.ts) as the TV app
 * calls it through the PF proxy. Every call to this provider lives here.
 */
import type { HealthSummary, Notice, Steps, Trend } from "@catv/contracts";
import type { PfClient } from "../pf/pf-client.ts";

export type {
  CheckupItemResult,
  Flag,
  HealthSummary,
  Notice,
  StepMonth,
  Steps,
  Trend,
} from "@catv/contracts";

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
