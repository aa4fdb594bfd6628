/**
 * @module The operator's newest viewer sessions as the PF reports them, each with its source — the card in the
 * STB's reader, or the viewer's phone (スマートフォンで) — for staff answering "how did this viewer log in?".
 * Read live from the PF (the console keeps no copy: sessions change by the minute).
 */
import { ConsoleError } from "../errors.ts";
import type { Actor, Deps } from "./context.ts";
import type { OperatorSessions } from "./pf-client.ts";

export async function listViewerSessions(deps: Deps, actor: Actor): Promise<OperatorSessions> {
  const operator = await deps.repos.accounts.getOperator(actor.operatorId);
  if (!operator) throw new ConsoleError("not_found");
  return deps.pf.listSessions(operator.pfApiKey);
}
