/**
 * @module Use case: the resident reports the card lost (紛失). Both certificates are revoked as keyCompromise —
 * whoever holds the card may try the PINs — and the card is marked lost until renewal issues a new one.
 */
import { findResidentOrFail } from "./find-resident.ts";
import { displayLabelOf } from "./issue-card.ts";
import type { JlisContext } from "./jlis-context.ts";
import { withResidentLock } from "./resident-lock.ts";
import { type ResidentView, viewResident } from "./resident-view.ts";
import { markRevoked } from "./revoke-certificate.ts";

async function reportCardLossUnlocked(ctx: JlisContext, residentId: string): Promise<ResidentView> {
  const resident = await findResidentOrFail(ctx.repo, residentId);
  const now = ctx.now();
  await ctx.repo.transaction(async (tx) => {
    await markRevoked(tx, await tx.currentCertificate(residentId, "sign"), "keyCompromise", now);
    await markRevoked(tx, await tx.currentCertificate(residentId, "auth"), "keyCompromise", now);
    await tx.updateResident(residentId, { cardStatus: "lost", updatedAt: now.toISOString() });
  });
  // The lost card stays in the demo card library (so the demo can show it being refused), labelled as such.
  // Best effort: the revocation above must stand even if the image is gone.
  try {
    const image = ctx.cards.read(resident.cardId);
    ctx.cards.write({ ...image, displayLabel: `${displayLabelOf(resident)}（紛失・失効）`.slice(0, 80) });
  } catch {
    ctx.log.warn("lost card image not relabelled", { cardId: resident.cardId });
  }
  ctx.log.info("card reported lost", { residentId, cardId: resident.cardId });
  await ctx.afterRevocation(["sign", "auth"]);
  return viewResident(ctx.repo, { ...resident, cardStatus: "lost" });
}

export function reportCardLoss(ctx: JlisContext, residentId: string): Promise<ResidentView> {
  return withResidentLock(ctx, residentId, () => reportCardLossUnlocked(ctx, residentId));
}
