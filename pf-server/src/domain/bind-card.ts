/**
 * @module The card binding (design §PIN-less, docs/threat-model.md): which 券面 key — certified by the 券面 CA —
 * belongs to a person. It is recorded at registration (protected by the signature password) and at a PIN login or
 * PIN recognition (the PIN) from the card-binding proof: the CVC plus the 券面 key's signature over the same
 * challenge the JPKI key signs, so the proof was made in this very transaction. A PIN-less login or recognition
 * must be answered by the bound key: the date-of-birth record alone proves nothing, since the card's 券面 key signs
 * any data it is given. The binding belongs to the person, so one card serves all of the person's accounts.
 */

import type { cardKeyProofSchema } from "@catv/contracts";
import type { z } from "zod";
import { type CertifiedCardKey, certifiedCardKey, verifyCardKeySignature } from "../pki/kenkaku.ts";
import { isPfError } from "../platform/errors.ts";
import type { AuditEntry, CardBinding } from "../storage/repositories.ts";
import type { ChallengeScope } from "./challenges.ts";
import type { PfContext, RequestScope } from "./context.ts";

export type CardKeyProof = z.infer<typeof cardKeyProofSchema>;

/** Who bound the card, for the audit row: a terminal, or a verifier's own registration page. */
export type BindingScope = RequestScope & ChallengeScope;

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
 * The binding of `key` to the person, with its audit row (naming `accountId`, the account the request used) — or
 * none when that key is already bound. Replacing another key (a renewed or re-issued card) is audited as such.
 */
export async function bindingChange(
  ctx: PfContext,
  scope: BindingScope,
  personId: string,
  accountId: string,
  key: CertifiedCardKey,
  boundBy: CardBinding["boundBy"],
): Promise<{ binding: CardBinding; audit: AuditEntry } | undefined> {
  const existing = await ctx.store.people.getBinding(personId);
  if (existing && isBoundKey(existing, key)) return undefined;
  return {
    binding: {
      personId,
      subjectKeyId: key.subjectKeyId,
      publicKeySha256: key.publicKeySha256,
      boundBy,
      boundAt: ctx.clock.now().toISOString(),
    },
    audit: {
      event: existing ? "card-binding.replaced" : "card-binding.created",
      outcome: "success",
      actorKind: scope.terminalId ? "terminal" : "verifier",
      actorId: scope.terminalId ?? scope.tenantId,
      tenantId: scope.tenantId,
      terminalId: scope.terminalId,
      accountId,
      requestId: scope.requestId,
    },
  };
}

/**
 * A PIN login's (or PIN recognition's) optional proof binds the card when the person has none (registered before
 * card binding) or replaces the binding of a renewed card. The login does not depend on it: a proof that fails is
 * not bound, and is audited with its code, so a 券面 CA the PF does not know yet cannot lock people out of PIN use.
 */
export async function bindCardAtPinLogin(
  ctx: PfContext,
  scope: BindingScope,
  personId: string,
  accountId: string,
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
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId,
          requestId: scope.requestId,
        },
      ],
    });
    return;
  }
  const change = await bindingChange(ctx, scope, personId, accountId, key, "pin-login");
  if (change) await ctx.store.people.saveBinding(change.binding, { audit: [change.audit] });
}
