/**
 * @module PIN-less login, first half (かざし利用, design §PIN-less): the STB sends the user-authentication
 * certificate read without a PIN and the card's CVC. The PF answers with a challenge and the 和暦 birth-date key
 * that unlocks the 券面事項確認AP only when: the certificate is valid, at most a few starts per certificate were
 * made lately (across all terminals), the viewer is registered and belongs to the terminal's operator, a card is
 * bound to the viewer and the CVC certifies that card's key, and the certificate is not revoked (check (a) of
 * 規則64条の12, by the viewer's operator's policy and metered to it). The birth date is released only to a terminal
 * that shows the bound card, never across operators; every start is audited with terminal and cable ID, never with
 * the birth date or the serial.
 */

import type { pinlessStartRequestSchema, pinlessStartResponseSchema } from "@catv/contracts";
import { birthDateKey } from "@catv/jpki";
import type { z } from "zod";
import { certifiedCardKey } from "../pki/kenkaku.ts";
import { validateCertificate } from "../pki/validate-certificate.ts";
import { auditedAs, fail } from "../platform/errors.ts";
import type { Viewer } from "../storage/repositories.ts";
import { isBoundKey } from "./bind-card.ts";
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
  const anchors = await ctx.jlis.get();
  const auth = await validateCertificate(input.authenticationCertificate, "auth", anchors, now);
  // Per certificate, whichever STB asks: one terminal after another must not make a burst each.
  const taken = ctx.pinlessStartsPerCertificate.take(auth.serialHex, now.getTime());
  if (!taken.allowed)
    throw fail("rate_limited", "Too many PIN-less starts with this card.", {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
  const { viewer } = await findViewerByAuthCertificate(ctx, auth.serialHex);
  return auditedAs(viewer.cableId, async () => {
    await requireOperatorAllowsViewer(ctx, scope, viewer);
    await requireBoundCard(ctx, viewer, input.cardVerifiableCertificate, anchors.kenkaku);
    await checkRevocation(ctx, scope, auth, { operatorId: viewer.operatorId });
    // The challenge is raw bytes here (the card signs DigestInfo(SHA-256(challenge)) with 80 2A 00 00).
    const challenge = await issueChallenge(
      ctx,
      scope,
      "pinless-login",
      { cableId: viewer.cableId, authSerialHex: auth.serialHex },
      {
        audit: [
          {
            event: "login.pinless.start",
            outcome: "success",
            actorKind: "terminal",
            actorId: scope.terminalId,
            operatorId: scope.operatorId,
            terminalId: scope.terminalId,
            cableId: viewer.cableId,
            requestId: scope.requestId,
          },
        ],
      },
    );
    return {
      challengeId: challenge.id,
      challenge: Buffer.from(challenge.nonce, "base64url").toString("base64"),
      birthDateKey: birthDateKey(viewer.birthDate),
      expiresAt: challenge.expiresAt,
    };
  });
}

/** `pinless_card_not_bound` without a binding; `pinless_card_mismatch` when the CVC certifies another key. */
export async function requireBoundCard(
  ctx: PfContext,
  viewer: Viewer,
  cvcBase64: string,
  caKeys: Parameters<typeof certifiedCardKey>[1],
) {
  const binding = await ctx.store.cardBindings.getBinding(viewer.cableId);
  if (!binding) throw fail("pinless_card_not_bound");
  const key = certifiedCardKey(cvcBase64, caKeys);
  if (!isBoundKey(binding, key)) throw fail("pinless_card_mismatch");
  return key;
}
