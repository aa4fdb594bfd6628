/**
 * @module What operator staff do at the PF: open an assisted registration on a household's STB, and record
 * whether a cable ID is linked to a household contract.
 */
import { addSeconds } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { Operator } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";

const ASSISTED_TTL_SECONDS = 30 * 60;

export async function openAssistedRegistration(
  ctx: PfContext,
  scope: RequestScope,
  operator: Operator,
  input: { terminalId: string; contractId: string; memberId: string },
): Promise<{ registrationSessionId: string; expiresAt: string }> {
  const terminal = await ctx.store.tenants.getTerminal(input.terminalId);
  if (!terminal || terminal.operatorId !== operator.id)
    throw fail("not_found", "No such terminal for this operator.");
  const now = ctx.clock.now();
  const session = {
    id: randomId("reg"),
    operatorId: operator.id,
    terminalId: terminal.id,
    contractId: input.contractId,
    memberId: input.memberId,
    expiresAt: addSeconds(now, ASSISTED_TTL_SECONDS).toISOString(),
    usedAt: null,
    createdAt: now.toISOString(),
  };
  await ctx.store.challenges.createRegistrationSession(session, {
    audit: [
      {
        event: "registration.assisted-opened",
        outcome: "success",
        actorKind: "operator",
        actorId: operator.id,
        operatorId: operator.id,
        terminalId: terminal.id,
        requestId: scope.requestId,
      },
    ],
  });
  return { registrationSessionId: session.id, expiresAt: session.expiresAt };
}

export async function updateHouseholdLink(
  ctx: PfContext,
  scope: RequestScope,
  operator: Operator,
  cableId: string,
  status: "linked" | "pending",
): Promise<void> {
  const viewer = await ctx.store.viewers.getViewer(cableId);
  // Another operator's viewer is reported as absent, not forbidden: operators must not probe cable IDs.
  if (!viewer || viewer.operatorId !== operator.id)
    throw fail("not_found", "No such cable ID for this operator.");
  await ctx.store.viewers.setHouseholdLink(cableId, status, ctx.clock.now().toISOString(), {
    audit: [
      {
        event: `household-link.${status}`,
        outcome: "success",
        actorKind: "operator",
        actorId: operator.id,
        operatorId: operator.id,
        cableId,
        requestId: scope.requestId,
      },
    ],
  });
}
