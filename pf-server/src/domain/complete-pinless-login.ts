/**
 * @module PIN-less completion, on a TV or at a reception: the card answers the PF's challenge with the bound 券面
 * key. The CVC must certify the key bound to the person (`pinless_card_mismatch` otherwise); the signed
 * date-of-birth record must verify with that key and carry it in its own key field, and its birth date must be the
 * registered one — the regulation's procedure (規則64条の12, kenkaku.md §4), kept as such; what makes the login safe
 * is the last step, the challenge signature verified with the bound key.
 */

import type { pinlessLoginRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { verifiedDateOfBirthRecord, verifyCardKeySignature } from "../pki/kenkaku.ts";
import { auditedAs, fail } from "../platform/errors.ts";
import type { Account, Challenge, Person } from "../storage/repositories.ts";
import { answerChallenge } from "./challenges.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
import { METRICS } from "./metering.ts";
import { accountAtPortal, requireChannel } from "./site-boundary.ts";
import { requireBoundCard } from "./start-pinless-login.ts";

type Request = z.infer<typeof pinlessLoginRequestSchema>;

/** Checks the card's answer to a PIN-less challenge of this terminal; answers the person and the account used. */
export async function completePinless(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
  chooseAccount: (person: Person) => Promise<Account>,
): Promise<{ person: Person; account: Account; challenge: Challenge }> {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, "pinless-login");
  const person = challenge.personId ? await ctx.store.people.getPerson(challenge.personId) : undefined;
  if (!person) throw fail("card_not_registered");
  const account = await chooseAccount(person);
  return auditedAs(account.accountId, async () => {
    const boundKey = await requireBoundCard(
      ctx,
      person,
      input.cardVerifiableCertificate,
      (await ctx.jlis.get()).kenkaku,
    );
    const record = verifiedDateOfBirthRecord(input.dateOfBirthRecord, boundKey);
    if (record.birthDate !== person.birthDate) {
      throw fail(
        "card_genuineness_failed",
        "Card genuineness check failed: the birth date does not match the registration.",
      );
    }
    verifyCardKeySignature(Buffer.from(challenge.nonce, "base64url"), input.signature, boundKey);
    return { person, account, challenge };
  });
}

export async function completePinlessLogin(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
): Promise<TokenPair> {
  requireChannel(scope, "portal");
  const { account } = await completePinless(ctx, scope, input, (person) =>
    accountAtPortal(ctx, scope, person.id),
  );
  return auditedAs(account.accountId, () =>
    issueSession(
      ctx,
      scope,
      account.accountId,
      "urn:catv:acr:pinless",
      METRICS.loginPinless,
      "login.pinless",
    ),
  );
}
