/**
 * @module PIN login (flow 3): the card signs a `login` challenge with the user-authentication key after the
 * 4-digit PIN; the PF validates the certificate (chain, validity, key usage, policy), verifies the signature, finds
 * the person and the account they use at this terminal's site (another operator's viewer is refused unless both
 * allow it), and checks revocation by that account's verifier's policy. A renewed card found through J-LIS's
 * linkage has its new serial recorded. A login carrying the card-binding proof binds that card for PIN-less use
 * (domain/bind-card.ts). The reception's PIN recognition is the same check (`authenticateCardWithPin`).
 */

import type { ChallengePurpose, pinLoginRequestSchema, stepUpRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { validateCertificate } from "../pki/validate-certificate.ts";
import { verifyCardSignature } from "../pki/verify-card-signature.ts";
import type { Account, Challenge, Person } from "../storage/repositories.ts";
import { bindCardAtPinLogin } from "./bind-card.ts";
import { answerChallenge, toBeSigned } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
import { METRICS } from "./metering.ts";
import { findPersonByAuthCertificate } from "./resolve-person.ts";
import { accountAtPortal, requireChannel } from "./site-boundary.ts";

type Request = z.infer<typeof pinLoginRequestSchema>;

export interface PinAuthentication {
  person: Person;
  account: Account;
  challenge: Challenge;
  /** notAfter of the user-authentication certificate the card showed. */
  certificateNotAfter: Date;
}

/**
 * A user-authentication signature over a challenge of `purpose`, checked; the person found; `chooseAccount` picks
 * the account the terminal's site serves them with; revocation checked by that account's verifier's policy.
 */
export async function authenticateCardWithPin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof stepUpRequestSchema>,
  purpose: ChallengePurpose,
  chooseAccount: (person: Person) => Promise<Account>,
): Promise<PinAuthentication> {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, purpose);
  const now = ctx.clock.now();
  const auth = await validateCertificate(input.authenticationCertificate, "auth", await ctx.jlis.get(), now);
  verifyCardSignature(toBeSigned(challenge), input.signature, auth.publicKey);
  const { record, person } = await findPersonByAuthCertificate(ctx, auth.serialHex);
  const account = await chooseAccount(person);
  // Checked (and metered) for the verifier of the account used, by its policy.
  await checkRevocation(ctx, scope, auth, { verifierId: account.verifierId });
  if (record.serialHex !== auth.serialHex) {
    // Renewed card found through J-LIS's linkage: record the new serial against the same person.
    await ctx.store.people.addCertificates([
      {
        serialHex: auth.serialHex,
        kind: "auth",
        personId: person.id,
        notAfter: auth.notAfter.toISOString(),
        status: "active",
        createdAt: now.toISOString(),
      },
    ]);
  }
  return { person, account, challenge, certificateNotAfter: auth.notAfter };
}

/** Shared by PIN login and step-up on a portal terminal. */
export function authenticateWithPin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof stepUpRequestSchema>,
  purpose: ChallengePurpose,
) {
  requireChannel(scope, "portal");
  return authenticateCardWithPin(ctx, scope, input, purpose, (person) =>
    accountAtPortal(ctx, scope, person.id),
  );
}

export async function loginWithPin(ctx: PfContext, scope: TerminalScope, input: Request): Promise<TokenPair> {
  const { person, account, challenge } = await authenticateWithPin(ctx, scope, input, "login");
  if (input.cardKeyProof)
    await bindCardAtPinLogin(
      ctx,
      scope,
      person.id,
      account.accountId,
      input.cardKeyProof,
      toBeSigned(challenge),
    );
  return issueSession(ctx, scope, account.accountId, "urn:catv:acr:pin", METRICS.loginPin, "login.pin");
}
