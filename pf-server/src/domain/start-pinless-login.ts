/**
 * @module PIN-less login, first half (かざし利用, design §PIN-less): the STB sends the user-authentication
 * certificate read without a PIN; the PF checks it is valid and not revoked (check (a) of 規則64条の12), finds
 * the cable ID, and answers with a challenge plus the 和暦 birth-date key that unlocks the 券面事項確認AP.
 */
import type { z } from "zod";
import type { pinlessStartRequestSchema, pinlessStartResponseSchema } from "../contracts/index.ts";
import { birthDateKey } from "../jpki/index.ts";
import { validateCertificate } from "../pki/validate-certificate.ts";
import { issueChallenge } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { requireOperatorAllowsViewer } from "./operator-boundary.ts";
import { findViewerByAuthCertificate } from "./resolve-viewer.ts";

export async function startPinlessLogin(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof pinlessStartRequestSchema>,
): Promise<z.infer<typeof pinlessStartResponseSchema>> {
  const now = ctx.clock.now();
  const auth = await validateCertificate(input.authenticationCertificate, "auth", await ctx.jlis.get(), now);
  const { viewer } = await findViewerByAuthCertificate(ctx, auth.serialHex);
  await requireOperatorAllowsViewer(ctx, scope, viewer);
  await checkRevocation(ctx, scope, auth, { operatorId: viewer.operatorId });
  // The challenge is raw bytes here (the card signs DigestInfo(SHA-256(challenge)) with 80 2A 00 00).
  const challenge = await issueChallenge(ctx, scope, "pinless-login", {
    cableId: viewer.cableId,
    authSerialHex: auth.serialHex,
  });
  return {
    challengeId: challenge.id,
    challenge: Buffer.from(challenge.nonce, "base64url").toString("base64"),
    birthDateKey: birthDateKey(viewer.birthDate),
    expiresAt: challenge.expiresAt,
  };
}
