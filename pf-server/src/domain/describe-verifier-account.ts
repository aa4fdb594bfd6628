/**
 * @module One of a verifier's own accounts as the verifier may see it: link status, consent, and whether the
 * person's card can still be used (its user-authentication certificate is not recorded revoked) — never a serial,
 * a birth date or another verifier's ID. Another verifier's account ID is answered `account_unknown`.
 */
import type { verifierAccountSchema } from "@catv/contracts";
import type { z } from "zod";
import type { PfContext } from "./context.ts";
import { ownAccount } from "./link-account.ts";

export async function describeVerifierAccount(
  ctx: PfContext,
  verifierId: string,
  accountId: string,
): Promise<z.infer<typeof verifierAccountSchema>> {
  const account = await ownAccount(ctx, verifierId, accountId, "account_unknown");
  const auth = (await ctx.store.people.listCertificates(account.personId)).filter((c) => c.kind === "auth");
  // Revoked when no user-authentication certificate of the person is usable any more (a renewal adds an active one).
  const revoked = auth.some((c) => c.status === "revoked") && !auth.some((c) => c.status === "active");
  return {
    accountId: account.accountId,
    linkStatus: account.linkStatus,
    status: revoked ? "revoked" : "active",
    consent: { textVersion: account.consentTextVersion, acceptedAt: account.consentAcceptedAt },
    registeredAt: account.registeredAt,
    updatedAt: account.updatedAt,
  };
}
