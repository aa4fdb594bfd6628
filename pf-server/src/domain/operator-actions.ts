/**
 * @module What operator staff do at the PF: open an assisted registration on a household's STB, and record
 * whether a cable ID is linked to a household contract (domain/link-account.ts, as any verifier links its IDs).
 */
import { addSeconds } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { linkAccount } from "./link-account.ts";
import type { Operator } from "./tenancy.ts";

const ASSISTED_TTL_SECONDS = 30 * 60;

export async function openAssistedRegistration(
  ctx: PfContext,
  scope: RequestScope,
  operator: Operator,
  input: { terminalId: string; contractId: string; memberId: string },
): Promise<{ registrationSessionId: string; expiresAt: string }> {
  const terminal = await ctx.store.tenants.getTerminal(input.terminalId);
  if (!terminal || terminal.ownerId !== operator.id)
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
        tenantId: operator.id,
        terminalId: terminal.id,
        requestId: scope.requestId,
      },
    ],
  });
  return { registrationSessionId: session.id, expiresAt: session.expiresAt };
}

/** Another operator's cable ID is reported as absent, not forbidden: operators must not probe cable IDs. */
export function updateHouseholdLink(
  ctx: PfContext,
  scope: RequestScope,
  operator: Operator,
  cableId: string,
  status: "linked" | "pending",
): Promise<void> {
  return linkAccount(ctx, scope, { id: operator.id, actorKind: "operator" }, cableId, status, "not_found");
}
