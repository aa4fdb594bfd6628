/**
 * @module PIN-less login, second half: the card answers the PF's challenge with the bound 券面 key. The CVC must
 * certify the key bound to the viewer (`pinless_card_mismatch` otherwise); the signed date-of-birth record must
 * verify with that key and carry it in its own key field, and its birth date must be the registered one — the
 * regulation's procedure (規則64条の12, kenkaku.md §4), kept as such; what makes the login safe is the last step,
 * the challenge signature verified with the bound key.
 */

import type { pinlessLoginRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { verifiedDateOfBirthRecord, verifyCardKeySignature } from "../pki/kenkaku.ts";
import { auditedAs, fail } from "../platform/errors.ts";
import { answerChallenge } from "./challenges.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
import { METRICS } from "./metering.ts";
import { requireBoundCard } from "./start-pinless-login.ts";

export async function completePinlessLogin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof pinlessLoginRequestSchema>,
): Promise<TokenPair> {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, "pinless-login");
  const viewer = challenge.cableId ? await ctx.store.viewers.getViewer(challenge.cableId) : undefined;
  if (!viewer) throw fail("card_not_registered");
  return auditedAs(viewer.cableId, async () => {
    const boundKey = await requireBoundCard(
      ctx,
      viewer,
      input.cardVerifiableCertificate,
      (await ctx.jlis.get()).kenkaku,
    );
    const record = verifiedDateOfBirthRecord(input.dateOfBirthRecord, boundKey);
    if (record.birthDate !== viewer.birthDate) {
      throw fail(
        "card_genuineness_failed",
        "Card genuineness check failed: the birth date does not match the registration.",
      );
    }
    verifyCardKeySignature(Buffer.from(challenge.nonce, "base64url"), input.signature, boundKey);
    return issueSession(
      ctx,
      scope,
      viewer.cableId,
      "urn:catv:acr:pinless",
      METRICS.loginPinless,
      "login.pinless",
    );
  });
}
