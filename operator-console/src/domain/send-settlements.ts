/**
 * @module Staff ask for a closed month's settlements to go to the PF now (精算の送付) instead of waiting for the
 * delivery loop; tells how many the PF has not accepted yet (the loop keeps retrying those). Audited.
 */
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps } from "./context.ts";
import { deliverToPf } from "./deliver-to-pf.ts";

export async function sendSettlements(deps: Deps, actor: Actor, month: string): Promise<{ pending: number }> {
  if (!(await deps.repos.billing.getMonth(actor.operatorId, month))) throw new ConsoleError("not_found");
  await deliverToPf(deps);
  await audit(deps, actor, "settlement.send", { detail: `${month} の精算を送付` });
  const settlements = await deps.repos.billing.listSettlements(actor.operatorId, month);
  const pending = settlements.filter((s) => s.status === "pending").length;
  return { pending };
}
