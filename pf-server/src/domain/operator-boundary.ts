/**
 * @module The rule between operators: a viewer belongs to the operator whose STB registered them. A login (PIN or
 * PIN-less) or a registration by that viewer on another operator's STB would make that operator's portal serve
 * them (and bill their operator), so it is refused unless both operators allow logins across operators.
 */
import { fail } from "../platform/errors.ts";
import type { Viewer } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** Throws `viewer_of_other_operator` unless the viewer is the terminal operator's, or both operators allow it. */
export async function requireOperatorAllowsViewer(
  ctx: PfContext,
  scope: TerminalScope,
  viewer: Pick<Viewer, "operatorId">,
): Promise<void> {
  if (viewer.operatorId === scope.operatorId) return;
  const [home, host] = await Promise.all([
    ctx.store.tenants.getOperator(viewer.operatorId),
    ctx.store.tenants.getOperator(scope.operatorId),
  ]);
  if (home?.crossOperatorLogins && host?.crossOperatorLogins) return;
  throw fail("viewer_of_other_operator");
}
