/**
 * @module Delivers what the console owes the PF — household-link states and providers' settlements — until the PF
 * accepts each. Settlements carry a stable Idempotency-Key, so a retry after a lost response cannot double-pay.
 */
import { settlementRequestSchema } from "@catv/contracts";
import { ConsoleError } from "../errors.ts";
import { type Deps, exclusively } from "./context.ts";
import type { Settlement } from "./records.ts";

export const settlementIdempotencyKey = (s: Pick<Settlement, "operatorId" | "month" | "providerId">) =>
  `settlement:${s.operatorId}:${s.month}:${s.providerId}`;

export async function sendSettlement(deps: Deps, settlement: Settlement): Promise<boolean> {
  const { repos } = deps;
  const operator = await repos.accounts.getOperator(settlement.operatorId);
  if (!operator) return false;
  const body = settlementRequestSchema.parse({
    month: settlement.month,
    providerId: settlement.providerId,
    recordsCollected: settlement.recordsCollected,
    reversals: settlement.reversals,
    grossYen: settlement.grossYen,
    collectionFeeYen: settlement.collectionFeeYen,
    netPayableYen: settlement.netPayableYen,
    records: await repos.billing.settlementRecords(
      settlement.operatorId,
      settlement.month,
      settlement.providerId,
    ),
  });
  const at = deps.now().toISOString();
  try {
    const response = await deps.pf.sendSettlement(
      operator.pfApiKey,
      settlementIdempotencyKey(settlement),
      body,
    );
    await repos.billing.markSettlementAttempt(settlement.id, {
      accepted: true,
      pfSettlementId: response.settlementId,
      at,
    });
    return true;
  } catch (error) {
    const message = error instanceof ConsoleError ? `${error.code}: ${error.message}` : String(error);
    await repos.billing.markSettlementAttempt(settlement.id, {
      accepted: false,
      error: message.slice(0, 300),
      at,
    });
    deps.log("warn", "settlement not accepted; will retry", { settlementId: settlement.id, error: message });
    return false;
  }
}

export async function deliverHouseholdLinks(deps: Deps): Promise<number> {
  const { repos } = deps;
  let delivered = 0;
  for (const item of await repos.pfSync.openLinks(100)) {
    const operator = await repos.accounts.getOperator(item.operatorId);
    if (!operator) continue;
    const at = deps.now().toISOString();
    try {
      await deps.pf.setHouseholdLink(operator.pfApiKey, item.cableId, item.status);
      await repos.pfSync.markLinkAttempt(item.id, { done: true, at });
      delivered++;
    } catch (error) {
      // A 4xx (unknown cable ID, say) will not succeed by repeating the same request: record it and stop retrying.
      const refused =
        error instanceof ConsoleError && error.code === "pf_rejected" && error.details?.pfStatus !== 429;
      const message = error instanceof ConsoleError ? `${error.code}: ${error.message}` : String(error);
      await repos.pfSync.markLinkAttempt(item.id, { done: refused, error: message.slice(0, 300), at });
      if (refused)
        deps.log("warn", "PF refused a household-link update", { cableId: item.cableId, error: message });
      // The PF could not be reached at all: the rest would only wait out the same timeout, one by one.
      if (error instanceof ConsoleError && error.code === "pf_unavailable" && !error.details?.pfStatus) break;
    }
  }
  return delivered;
}

const passes = new WeakMap<Deps, { tail: Promise<void>; waiting: Promise<void> | null }>();

/** The name of the delivery job: one console at a time delivers, whichever takes it. */
export const PF_DELIVERY_JOB = "operator-console:pf-delivery";

/**
 * One pass over everything pending (the delivery loop runs it on a timer and when something new is owed, the close
 * page right after closing, the send button on request). Passes of one console never overlap, so an item is not
 * sent twice at once: a call during a pass gets the next pass, which starts when the current one ends — several
 * such calls share it. A failed pass does not stop later ones.
 *
 * Several consoles on one database never deliver at once either (`deps.runExclusive`): a console whose pass finds
 * another's under way skips it, and what is owed goes out in that pass or the next tick. One deliverer at a time
 * also keeps the states of one cable ID in the order they were queued (a later "pending" never overtaken by an
 * earlier "linked"), which claiming items one by one across consoles would not.
 */
export function deliverToPf(deps: Deps): Promise<void> {
  const state = passes.get(deps) ?? { tail: Promise.resolve(), waiting: null };
  passes.set(deps, state);
  if (state.waiting) return state.waiting;
  const next = state.tail.then(async () => {
    state.waiting = null;
    await exclusively(deps, PF_DELIVERY_JOB, async () => {
      await deliverHouseholdLinks(deps);
      for (const settlement of await deps.repos.billing.pendingSettlements()) {
        await sendSettlement(deps, settlement);
      }
    });
  });
  state.waiting = next;
  state.tail = next.catch(() => {});
  return next;
}
