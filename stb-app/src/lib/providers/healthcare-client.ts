/**
 * @module The healthcare provider's API (its contract: packages/contracts/src/healthcare-api.ts) as the TV app
 * calls it through the PF proxy. Every call to this provider lives here.
 */
import type { HealthSummary, Notice, Steps, Trend } from "@catv/contracts";
import { ServiceClient } from "./service-client.ts";

export type {
  CheckupItemName,
  CheckupItemResult,
  Flag,
  HealthSummary,
  Notice,
  StepMonth,
  Steps,
  Trend,
} from "@catv/contracts";

export class HealthcareClient extends ServiceClient {
  summary = () => this.call<HealthSummary>("GET", "summary");
  trend = (item: string) => this.call<Trend>("GET", `trends/${encodeURIComponent(item)}`);
  steps = () => this.call<Steps>("GET", "steps?months=6");
  async notices(): Promise<Notice[]> {
    return (await this.call<{ notices: Notice[] }>("GET", "notices")).notices;
  }
}
