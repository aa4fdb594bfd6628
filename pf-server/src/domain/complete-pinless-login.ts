/**
 * @module PIN-less login, second half: proves the card genuine with the 券面事項確認AP (check (b) of
 * 規則64条の12), in kenkaku.md §4's order — the card-verifiable certificate against the 券面 CA key, the signed
 * date-of-birth record against the CVC, the birth date against the one recorded at registration, then the
 * challenge signature against the record's card key.
 */

import type { pinlessLoginRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { verifyKenkakuProof } from "../pki/kenkaku.ts";
import { verifyCardSignature } from "../pki/verify-card-signature.ts";
import { fail } from "../platform/errors.ts";
import { answerChallenge } from "./challenges.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession, type TokenPair } from "./issue-session.ts";
import { METRICS } from "./metering.ts";

export async function completePinlessLogin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof pinlessLoginRequestSchema>,
): Promise<TokenPair> {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, "pinless-login");
  const viewer = challenge.cableId ? await ctx.store.viewers.getViewer(challenge.cableId) : undefined;
  if (!viewer) throw fail("card_not_registered");
  const anchors = await ctx.jlis.get();
  const record = verifyKenkakuProof(input, anchors.kenkaku);
  if (record.birthDate !== viewer.birthDate) {
    throw fail(
      "card_genuineness_failed",
      "Card genuineness check failed: the birth date does not match the registration.",
    );
  }
  try {
    verifyCardSignature(Buffer.from(challenge.nonce, "base64url"), input.signature, record.cardPublicKey);
  } catch {
    throw fail("card_genuineness_failed", "Card genuineness check failed: the challenge signature.");
  }
  return issueSession(
    ctx,
    scope,
    viewer.cableId,
    "urn:catv:acr:pinless",
    METRICS.loginPinless,
    "login.pinless",
  );
}
