/**
 * @module Use case: a move (転居) or name change (氏名変更) — 記載事項変更. As in the real JPKI (jpki.md §7), the
 * 署名用 certificate, which carries the 4情報, is revoked (affiliationChanged) and a new one with a new key is
 * written into the SAME card; the 利用者証明用 certificate holds no personal data and stays valid. Records the
 * old→new serial linkage (証明書新旧紐付け) and pairs the new 署名用 certificate with the 利用者証明用 one.
 */

import { noAlternativeFlags } from "@catv/jpki";
import { z } from "zod";
import { fail } from "../errors.ts";
import { derBase64, issueSignatureCertificate, pkcs8Base64 } from "./certificate-issuer.ts";
import { findResidentOrFail } from "./find-resident.ts";
import { displayLabelOf } from "./issue-card.ts";
import type { JlisContext } from "./jlis-context.ts";
import { withResidentLock } from "./resident-lock.ts";
import { type ResidentView, viewResident } from "./resident-view.ts";
import { markRevoked } from "./revoke-certificate.ts";

export const residentChangeSchema = z
  .object({
    newAddress: z.string().trim().min(1).max(160).optional(),
    newAddressAlternativeFlags: z
      .string()
      .regex(/^[01]*$/)
      .optional(),
    newName: z.string().trim().min(1).max(60).optional(),
    newNameAlternativeFlags: z
      .string()
      .regex(/^[01]*$/)
      .optional(),
  })
  .strict()
  .refine((change) => change.newAddress !== undefined || change.newName !== undefined, {
    message: "give newAddress, newName or both",
  });
export type ResidentChange = z.infer<typeof residentChangeSchema>;

async function changeResidentDetailsUnlocked(
  ctx: JlisContext,
  residentId: string,
  raw: ResidentChange,
): Promise<ResidentView> {
  const change = residentChangeSchema.parse(raw);
  const before = await findResidentOrFail(ctx.repo, residentId);
  if (before.cardStatus === "lost") fail("card_lost", "the card was reported lost; renew it first");
  const now = ctx.now();
  const after = {
    ...before,
    name: change.newName ?? before.name,
    nameAlternativeFlags:
      change.newName === undefined
        ? before.nameAlternativeFlags
        : (change.newNameAlternativeFlags ?? noAlternativeFlags(change.newName)),
    address: change.newAddress ?? before.address,
    addressAlternativeFlags:
      change.newAddress === undefined
        ? before.addressAlternativeFlags
        : (change.newAddressAlternativeFlags ?? noAlternativeFlags(change.newAddress)),
    updatedAt: now.toISOString(),
  };
  const oldSign = await ctx.repo.currentCertificate(residentId, "sign");
  const auth = await ctx.repo.currentCertificate(residentId, "auth");
  const fresh = await issueSignatureCertificate(ctx, after);
  fresh.record.supersedesSerialNumber = oldSign?.serialNumber ?? null;
  fresh.record.pairedSerialNumber = auth?.serialNumber ?? null;
  const image = ctx.cards.read(before.cardId);
  await ctx.repo.transaction(async (tx) => {
    await markRevoked(tx, oldSign, "affiliationChanged", now);
    await tx.insertCertificate(fresh.record);
    if (oldSign)
      await tx.updateCertificate(oldSign.serialNumber, {
        supersededBySerialNumber: fresh.record.serialNumber,
      });
    if (auth)
      await tx.updateCertificate(auth.serialNumber, { pairedSerialNumber: fresh.record.serialNumber });
    await tx.updateResident(residentId, after);
    // Same card, same PINs and counters: only the 署名用 certificate and its key are rewritten.
    ctx.cards.write({
      ...image,
      displayLabel: displayLabelOf(after),
      jpki: {
        ...image.jpki,
        signCertificate: derBase64(fresh.der),
        signPrivateKey: pkcs8Base64(fresh.privateKey),
      },
    });
  });
  ctx.log.info("resident details changed", { residentId, cardId: before.cardId });
  await ctx.afterRevocation(["sign"]);
  return viewResident(ctx.repo, after);
}

export function changeResidentDetails(
  ctx: JlisContext,
  residentId: string,
  raw: ResidentChange,
): Promise<ResidentView> {
  return withResidentLock(ctx, residentId, () => changeResidentDetailsUnlocked(ctx, residentId, raw));
}
