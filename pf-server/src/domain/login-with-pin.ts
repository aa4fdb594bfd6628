/**
 * @module PIN login (flow 3): the card signs a `login` challenge with the user-authentication key after the
 * 4-digit PIN; the PF validates the certificate (chain, validity, key usage, policy), verifies the signature, maps
 * the certificate to the cable ID, refuses a viewer of another operator (unless both allow it), and checks
 * revocation by the viewer's operator's policy. A login carrying the card-binding proof binds that card for
 * PIN-less use (domain/bind-card.ts).
 */

import type { ChallengePurpose, pinLoginRequestSchema, stepUpRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { validateCertificate } from "../pki/validate-certificate.ts";
import { verifyCardSignature } from "../pki/verify-card-signature.ts";
import { bindCardAtPinLogin } from "./bind-card.ts";
import { answerChallenge, toBeSigned } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
import { METRICS } from "./metering.ts";
import { requireOperatorAllowsViewer } from "./operator-boundary.ts";
import { findViewerByAuthCertificate } from "./resolve-viewer.ts";

type Request = z.infer<typeof pinLoginRequestSchema>;

/** Shared by PIN login and step-up: a user-authentication signature over a challenge of `purpose`. */
export async function authenticateWithPin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof stepUpRequestSchema>,
  purpose: ChallengePurpose,
) {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, purpose);
  const now = ctx.clock.now();
  const auth = await validateCertificate(input.authenticationCertificate, "auth", await ctx.jlis.get(), now);
  verifyCardSignature(toBeSigned(challenge), input.signature, auth.publicKey);
  const { record, viewer } = await findViewerByAuthCertificate(ctx, auth.serialHex);
  await requireOperatorAllowsViewer(ctx, scope, viewer);
  // Checked (and metered) for the viewer's own operator, by its policy.
  await checkRevocation(ctx, scope, auth, { operatorId: viewer.operatorId });
  if (record.serialHex !== auth.serialHex) {
    // Renewed card found through J-LIS's linkage: record the new serial against the same cable ID.
    await ctx.store.viewers.saveRegistration({
      viewer,
      isNew: false,
      certificates: [
        {
          serialHex: auth.serialHex,
          kind: "auth",
          cableId: viewer.cableId,
          notAfter: auth.notAfter.toISOString(),
          status: "active",
          createdAt: now.toISOString(),
        },
      ],
    });
  }
  return { viewer, challenge };
}

export async function loginWithPin(ctx: PfContext, scope: TerminalScope, input: Request): Promise<TokenPair> {
  const { viewer, challenge } = await authenticateWithPin(ctx, scope, input, "login");
  if (input.cardKeyProof)
    await bindCardAtPinLogin(ctx, scope, viewer, input.cardKeyProof, toBeSigned(challenge));
  return issueSession(ctx, scope, viewer.cableId, "urn:catv:acr:pin", METRICS.loginPin, "login.pin");
}
