/**
 * @module Use case: renewal (更新). Both certificates are replaced by a new pair and the old ones revoked as
 * superseded, with old→new linkage for each type. After a loss the old card is gone: a new card (new card ID,
 * new 券面 key and PIN counters) is issued instead, with the same PINs the resident chose before.
 */
import { randomBytes } from "node:crypto";
import type { CardImage } from "@catv/jpki/card-image";
import { CARD_IMAGE_FORMAT } from "@catv/jpki/card-image";
import {
  derBase64,
  issueKenkakuData,
  issueSignatureCertificate,
  issueUserAuthenticationCertificate,
  pkcs8Base64,
} from "./certificate-issuer.ts";
import { findResidentOrFail } from "./find-resident.ts";
import { displayLabelOf, freshCounters } from "./issue-card.ts";
import type { JlisContext } from "./jlis-context.ts";
import { withResidentLock } from "./resident-lock.ts";
import { type ResidentView, viewResident } from "./resident-view.ts";
import { markRevoked } from "./revoke-certificate.ts";
import { cardExpiresOn } from "./validity.ts";

async function renewCardCertificatesUnlocked(ctx: JlisContext, residentId: string): Promise<ResidentView> {
  const before = await findResidentOrFail(ctx.repo, residentId);
  const now = ctx.now();
  const oldImage = ctx.cards.read(before.cardId);
  const newCard = before.cardStatus === "lost";
  const after = {
    ...before,
    cardId: newCard ? `card-${randomBytes(8).toString("hex")}` : before.cardId,
    cardStatus: "active" as const,
    cardExpiresOn: newCard ? cardExpiresOn(before.birthDate, now) : before.cardExpiresOn,
    updatedAt: now.toISOString(),
  };
  const oldSign = await ctx.repo.currentCertificate(residentId, "sign");
  const oldAuth = await ctx.repo.currentCertificate(residentId, "auth");
  const [sign, auth, kenkaku] = await Promise.all([
    issueSignatureCertificate(ctx, after),
    issueUserAuthenticationCertificate(ctx, after),
    newCard ? issueKenkakuData(ctx, after) : Promise.resolve(oldImage.kenkaku),
  ]);
  sign.record.pairedSerialNumber = auth.record.serialNumber;
  auth.record.pairedSerialNumber = sign.record.serialNumber;
  sign.record.supersedesSerialNumber = oldSign?.serialNumber ?? null;
  auth.record.supersedesSerialNumber = oldAuth?.serialNumber ?? null;
  const image: CardImage = {
    ...oldImage,
    format: CARD_IMAGE_FORMAT,
    cardId: after.cardId,
    displayLabel: displayLabelOf(after),
    issuedAt: newCard ? now.toISOString() : oldImage.issuedAt,
    cardExpiresOn: after.cardExpiresOn,
    jpki: {
      ...oldImage.jpki,
      authCertificate: derBase64(auth.der),
      authPrivateKey: pkcs8Base64(auth.privateKey),
      signCertificate: derBase64(sign.der),
      signPrivateKey: pkcs8Base64(sign.privateKey),
    },
    kenkaku,
    counters: newCard ? freshCounters() : oldImage.counters,
  };
  await ctx.repo.transaction(async (tx) => {
    await markRevoked(tx, oldSign, "superseded", now);
    await markRevoked(tx, oldAuth, "superseded", now);
    await tx.insertCertificate(sign.record);
    await tx.insertCertificate(auth.record);
    if (oldSign)
      await tx.updateCertificate(oldSign.serialNumber, {
        supersededBySerialNumber: sign.record.serialNumber,
      });
    if (oldAuth)
      await tx.updateCertificate(oldAuth.serialNumber, {
        supersededBySerialNumber: auth.record.serialNumber,
      });
    await tx.updateResident(residentId, after);
    ctx.cards.write(image);
  });
  ctx.log.info("certificates renewed", { residentId, cardId: after.cardId, newCard });
  await ctx.afterRevocation(["sign", "auth"]);
  return viewResident(ctx.repo, after);
}

export function renewCardCertificates(ctx: JlisContext, residentId: string): Promise<ResidentView> {
  return withResidentLock(ctx, residentId, () => renewCardCertificatesUnlocked(ctx, residentId));
}
