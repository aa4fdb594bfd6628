/**
 * @module PIN-less start (かざし利用, design §PIN-less), on a TV or at a reception: the terminal sends the
 * user-authentication certificate read without a PIN and the card's CVC. The PF answers with a challenge and the
 * 和暦 birth-date key that unlocks the 券面事項確認AP only when: the certificate is valid, at most a few starts per
 * certificate were made lately (across all terminals), the person is registered with a verifier this terminal's
 * site serves (`chooseAccount`), PIN-less use is allowed there (in person by law; at a remote site by the
 * verifier's setting), a card is bound to the person and the CVC certifies that card's key, and the certificate
 * is not revoked (check (a) of 規則64条の12, by that verifier's policy and metered to it). The birth date is released
 * only to a terminal that shows the bound card, never across sites that do not serve the person; every start is
 * audited with terminal and account ID, never with the birth date or the serial.
 */

import type { pinlessStartRequestSchema, pinlessStartResponseSchema } from "@catv/contracts";
import { birthDateKey } from "@catv/jpki";
import type { z } from "zod";
import { certifiedCardKey } from "../pki/kenkaku.ts";
import { validateCertificate } from "../pki/validate-certificate.ts";
import { auditedAs, fail } from "../platform/errors.ts";
import type { Account, Person } from "../storage/repositories.ts";
import { isBoundKey } from "./bind-card.ts";
import { issueChallenge } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { findPersonByAuthCertificate } from "./resolve-person.ts";
import { accountAtPortal, requireChannel, requirePinlessAllowed } from "./site-boundary.ts";

type Request = z.infer<typeof pinlessStartRequestSchema>;
type Response = z.infer<typeof pinlessStartResponseSchema>;

/** The PIN-less start of a terminal whose site chooses the account with `chooseAccount`. */
export async function startPinless(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
  chooseAccount: (person: Person) => Promise<Account>,
  auditEvent: string,
): Promise<Response> {
  const now = ctx.clock.now();
  const anchors = await ctx.jlis.get();
  const auth = await validateCertificate(input.authenticationCertificate, "auth", anchors, now);
  // Per certificate, whichever terminal (and PF instance) is asked: one terminal after another must not make a
  // burst each.
  const taken = await ctx.pinlessStartsPerCertificate.take(auth.serialHex, now.getTime());
  if (!taken.allowed)
    throw fail("rate_limited", "Too many PIN-less starts with this card.", {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
  const { person } = await findPersonByAuthCertificate(ctx, auth.serialHex);
  const account = await chooseAccount(person);
  return auditedAs(account.accountId, async () => {
    await requirePinlessAllowed(ctx, scope, account.verifierId);
    await requireBoundCard(ctx, person, input.cardVerifiableCertificate, anchors.kenkaku);
    await checkRevocation(ctx, scope, auth, { verifierId: account.verifierId });
    // The challenge is raw bytes here (the card signs DigestInfo(SHA-256(challenge)) with 80 2A 00 00).
    const challenge = await issueChallenge(
      ctx,
      scope,
      "pinless-login",
      { personId: person.id, authSerialHex: auth.serialHex },
      {
        audit: [
          {
            event: auditEvent,
            outcome: "success",
            actorKind: "terminal",
            actorId: scope.terminalId,
            tenantId: scope.tenantId,
            terminalId: scope.terminalId,
            accountId: account.accountId,
            requestId: scope.requestId,
          },
        ],
      },
    );
    return {
      challengeId: challenge.id,
      challenge: Buffer.from(challenge.nonce, "base64url").toString("base64"),
      birthDateKey: birthDateKey(person.birthDate),
      expiresAt: challenge.expiresAt,
    };
  });
}

/** The TV's PIN-less start: the account the person uses at this portal site. */
export function startPinlessLogin(ctx: PfContext, scope: TerminalScope, input: Request): Promise<Response> {
  requireChannel(scope, "portal");
  return startPinless(
    ctx,
    scope,
    input,
    (person) => accountAtPortal(ctx, scope, person.id),
    "login.pinless.start",
  );
}

/** `pinless_card_not_bound` without a binding; `pinless_card_mismatch` when the CVC certifies another key. */
export async function requireBoundCard(
  ctx: PfContext,
  person: Person,
  cvcBase64: string,
  caKeys: Parameters<typeof certifiedCardKey>[1],
) {
  const binding = await ctx.store.people.getBinding(person.id);
  if (!binding) throw fail("pinless_card_not_bound");
  const key = certifiedCardKey(cvcBase64, caKeys);
  if (!isBoundKey(binding, key)) throw fail("pinless_card_mismatch");
  return key;
}
