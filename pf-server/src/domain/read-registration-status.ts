/**
 * @module The household link of a registration, for the STB that just made it. Right after 利用者登録 the TV has
 * no viewer session (registration signs with the signature key; login is a separate step), yet the operator's
 * console usually links the household seconds later. So registration hands the STB a receipt bound to that
 * terminal, and the STB may ask with it — for `REGISTRATION_RECEIPT_TTL_SECONDS`, and only that STB — whether the
 * link is done. The answer holds the cable ID the STB was already given and one of two states, nothing more.
 */
import type { registrationStatusResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** Signs the receipt the registration answer carries. */
export function issueRegistrationReceipt(
  ctx: PfContext,
  scope: TerminalScope,
  cableId: string,
): Promise<string> {
  return ctx.tokens.signRegistrationReceipt(
    { sub: cableId, op: scope.tenantId, tid: scope.terminalId },
    ctx.clock.now(),
  );
}

/**
 * Checks the receipt (PF signature, type, audience, lifetime), that this terminal is the one it was issued to, and
 * answers the viewer's household link as the PF knows it now.
 */
export async function readRegistrationStatus(
  ctx: PfContext,
  scope: TerminalScope,
  receipt: string,
): Promise<z.infer<typeof registrationStatusResponseSchema>> {
  const claims = await ctx.tokens.verifyRegistrationReceipt(receipt, ctx.clock.now());
  // A receipt copied to another STB (even of the same operator) tells that STB nothing.
  if (claims.tid !== scope.terminalId || claims.op !== scope.tenantId) {
    throw fail("registration_receipt_other_terminal");
  }
  const account = await ctx.store.people.findAccount(claims.sub);
  if (!account) throw fail("card_not_registered");
  return { cableId: account.accountId, householdLink: account.linkStatus };
}
