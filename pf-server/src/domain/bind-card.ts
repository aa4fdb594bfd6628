/**
 * @module The card binding (design §PIN-less, docs/threat-model.md): which 券面 key — certified by the 券面 CA —
 * belongs to a viewer. It is recorded at registration (protected by the signature password) and at a PIN login
 * (the PIN) from the card-binding proof: the CVC plus the 券面 key's signature over the same challenge the JPKI key
 * signs, so the proof was made in this very transaction. A PIN-less login must be answered by the bound key: the
 * date-of-birth record alone proves nothing, since the card's 券面 key signs any data it is given.
 */

import type { cardKeyProofSchema } from "@catv/contracts";
import type { z } from "zod";
import { type CertifiedCardKey, certifiedCardKey, verifyCardKeySignature } from "../pki/kenkaku.ts";
import { isPfError } from "../platform/errors.ts";
import type { AuditEntry, CardBinding, Viewer } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

export type CardKeyProof = z.infer<typeof cardKeyProofSchema>;

/** Checks the proof: the CVC against the 券面 CA, the signature over `signedData` with the key it certifies. */
export async function verifyCardKeyProof(
  ctx: PfContext,
  proof: CardKeyProof,
  signedData: Uint8Array,
): Promise<CertifiedCardKey> {
  const key = certifiedCardKey(proof.cardVerifiableCertificate, (await ctx.jlis.get()).kenkaku);
  verifyCardKeySignature(signedData, proof.signature, key);
  return key;
}

export const isBoundKey = (binding: CardBinding, key: CertifiedCardKey) =>
  binding.publicKeySha256 === key.publicKeySha256 && binding.subjectKeyId === key.subjectKeyId;

/**
 * The binding of `key` to the viewer, with its audit row — or none when that key is already bound. Replacing
 * another key (a renewed or re-issued card) is audited as a replacement.
 */
export async function bindingChange(
  ctx: PfContext,
  scope: TerminalScope,
  cableId: string,
  key: CertifiedCardKey,
  boundBy: CardBinding["boundBy"],
): Promise<{ binding: CardBinding; audit: AuditEntry } | undefined> {
  const existing = await ctx.store.cardBindings.getBinding(cableId);
  if (existing && isBoundKey(existing, key)) return undefined;
  return {
    binding: {
      cableId,
      subjectKeyId: key.subjectKeyId,
      publicKeySha256: key.publicKeySha256,
      boundBy,
      boundAt: ctx.clock.now().toISOString(),
    },
    audit: {
      event: existing ? "card-binding.replaced" : "card-binding.created",
      outcome: "success",
      actorKind: "terminal",
      actorId: scope.terminalId,
      operatorId: scope.operatorId,
      terminalId: scope.terminalId,
      cableId,
      requestId: scope.requestId,
    },
  };
}

/**
 * A PIN login's optional proof binds the card when the viewer has none (registered before card binding) or
 * replaces the binding of a renewed card. The login does not depend on it: a proof that fails is not bound, and
 * is audited with its code, so a 券面 CA the PF does not know yet cannot lock viewers out of PIN logins.
 */
export async function bindCardAtPinLogin(
  ctx: PfContext,
  scope: TerminalScope,
  viewer: Viewer,
  proof: CardKeyProof,
  signedData: Uint8Array,
): Promise<void> {
  let key: CertifiedCardKey;
  try {
    key = await verifyCardKeyProof(ctx, proof, signedData);
  } catch (e) {
    if (!isPfError(e)) throw e;
    await ctx.store.metering.record({
      audit: [
        {
          event: "card-binding.refused",
          outcome: "failure",
          code: e.code,
          actorKind: "terminal",
          actorId: scope.terminalId,
          operatorId: scope.operatorId,
          terminalId: scope.terminalId,
          cableId: viewer.cableId,
          requestId: scope.requestId,
        },
      ],
    });
    return;
  }
  const change = await bindingChange(ctx, scope, viewer.cableId, key, "pin-login");
  if (change) await ctx.store.cardBindings.saveBinding(change.binding, { audit: [change.audit] });
}
