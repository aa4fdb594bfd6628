/**
 * @module Assisted registration (参考２－１ ポイント1): staff pick a household member and one of the operator's STBs
 * and open a registration session at the PF; the viewer's registration then arrives already naming that member.
 */
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";

export async function openAssistedRegistration(
  deps: Deps,
  actor: Actor,
  input: { memberId: string; terminalId: string },
): Promise<{ registrationSessionId: string; expiresAt: string }> {
  const { repos } = deps;
  const operator = await repos.accounts.getOperator(actor.operatorId);
  if (!operator) throw new ConsoleError("not_found");
  if (!operator.terminalIds.includes(input.terminalId)) {
    throw new ConsoleError("validation_failed", "この事業者のSTBを選んでください。");
  }
  const member = await repos.households.memberByMemberId(actor.operatorId, input.memberId);
  const household = member && (await repos.households.get(actor.operatorId, member.householdId));
  if (!member || !household) throw new ConsoleError("not_found", "世帯員が見つかりません。");
  if (household.status !== "active") throw new ConsoleError("household_closed");
  const session = await deps.pf.openAssistedRegistration(operator.pfApiKey, {
    terminalId: input.terminalId,
    contractId: household.contractId,
    memberId: member.memberId,
  });
  await inTransaction(deps, async (tx) => {
    await tx.repos.pfSync.recordAssisted({
      operatorId: actor.operatorId,
      householdId: household.id,
      memberId: member.memberId,
      terminalId: input.terminalId,
      registrationSessionId: session.registrationSessionId,
      expiresAt: session.expiresAt,
      openedBy: actor.loginId,
      openedAt: tx.now().toISOString(),
    });
    await audit(tx, actor, "assisted_registration.open", {
      householdId: household.id,
      contractId: household.contractId,
      detail: `${member.memberId} / ${input.terminalId}`,
    });
  });
  return session;
}
