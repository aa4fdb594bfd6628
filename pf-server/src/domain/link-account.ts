/**
 * @module 紐づけ (参考１－２): the verifier records whether it has linked one of its accounts to its own record — an
 * operator's household contract, an insurer's 被保険者. Linking is the verifier's act; the PF never guesses a link.
 * A verifier names only its own accounts: another verifier's account ID is answered as unknown, so IDs cannot be
 * probed across verifiers.
 */
import type { ErrorCode } from "@catv/contracts";
import { fail } from "../platform/errors.ts";
import type { Account, AuditEntry } from "../storage/repositories.ts";
import type { PfContext, RequestScope } from "./context.ts";

/** The verifier's own account with this ID, or `unknownCode` (for its own and another verifier's IDs alike). */
export async function ownAccount(
  ctx: PfContext,
  verifierId: string,
  accountId: string,
  unknownCode: ErrorCode,
): Promise<Account> {
  const account = await ctx.store.people.findAccount(accountId);
  if (!account || account.verifierId !== verifierId)
    throw fail(unknownCode, "No such account for this verifier.");
  return account;
}

export async function linkAccount(
  ctx: PfContext,
  scope: RequestScope,
  verifier: { id: string; actorKind: AuditEntry["actorKind"] },
  accountId: string,
  status: "linked" | "pending",
  unknownCode: ErrorCode,
): Promise<void> {
  const account = await ownAccount(ctx, verifier.id, accountId, unknownCode);
  const event = verifier.actorKind === "operator" ? `household-link.${status}` : `account-link.${status}`;
  await ctx.store.people.setLinkStatus(account.accountId, status, ctx.clock.now().toISOString(), {
    audit: [
      {
        event,
        outcome: "success",
        actorKind: verifier.actorKind,
        actorId: verifier.id,
        tenantId: verifier.id,
        accountId: account.accountId,
        requestId: scope.requestId,
      },
    ],
  });
}
