/**
 * @module Use case: create a resident and issue their card (個人番号カード(模擬)) — 署名用 and 利用者証明用
 * certificates, the 券面事項確認AP data, PINs and counters — written as a card image, with serials and the
 * sign↔auth linkage (証明書紐付け) recorded. No 個人番号 goes into the card: the decoy stays in the residents table.
 */
import { randomBytes } from "node:crypto";
import { noAlternativeFlags } from "@catv/jpki";
import type { CardImage } from "@catv/jpki/card-image";
import { CARD_IMAGE_FORMAT } from "@catv/jpki/card-image";
import { z } from "zod";
import { fail } from "../errors.ts";
import type { ResidentRecord } from "../storage/jlis-repository.ts";
import {
  derBase64,
  issueKenkakuData,
  issueSignatureCertificate,
  issueUserAuthenticationCertificate,
  pkcs8Base64,
} from "./certificate-issuer.ts";
import { generateDecoyMyNumber } from "./decoy-my-number.ts";
import { findDemoTown } from "./demo-towns.ts";
import type { JlisContext } from "./jlis-context.ts";
import { type ResidentView, viewResident } from "./resident-view.ts";
import { cardExpiresOn } from "./validity.ts";

export const residentInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** One 0/1 per character; all 0 when omitted. */
    nameAlternativeFlags: z
      .string()
      .regex(/^[01]*$/)
      .optional(),
    address: z.string().trim().min(1).max(160),
    addressAlternativeFlags: z
      .string()
      .regex(/^[01]*$/)
      .optional(),
    birthDate: z.iso.date(),
    /** JIS X 0303: 1 male, 2 female, 9 not applicable, 0 not known. */
    gender: z.enum(["0", "1", "2", "9"]),
    town: z.string().min(1),
    authPin: z.string().regex(/^[0-9]{4}$/, "the 利用者証明用暗証番号 is 4 digits"),
    signPassword: z.string().regex(/^[A-Z0-9]{6,16}$/, "the 署名用パスワード is 6–16 of A–Z and 0–9"),
  })
  .strict();
export type ResidentInput = z.infer<typeof residentInputSchema>;

export interface IssuedCard {
  resident: ResidentView;
  cardId: string;
  cardImagePath: string;
}

const newId = (prefix: string) => `${prefix}-${randomBytes(8).toString("hex")}`;

/** Card images keep the family-name-first label the control page shows, e.g. "山田 太郎（南砺市）". */
export const displayLabelOf = (resident: Pick<ResidentRecord, "name" | "town">) =>
  `${resident.name}（${resident.town}）`.slice(0, 80);

export function freshCounters(): CardImage["counters"] {
  return { authPinRemaining: 3, signPasswordRemaining: 5, birthDateKeyRemaining: 10 };
}

/** Fixed IDs are for the demo seed only (stable card file names); the API always gets fresh ones. */
export interface IssueCardOptions {
  residentId?: string;
  cardId?: string;
}

export async function issueCard(
  ctx: JlisContext,
  rawInput: ResidentInput,
  options: IssueCardOptions = {},
): Promise<IssuedCard> {
  const input = residentInputSchema.parse(rawInput);
  const town =
    findDemoTown(input.town) ?? fail("unknown_town", `「${input.town}」 is not a demo municipality`);
  const now = ctx.now();
  const resident: ResidentRecord = {
    id: options.residentId ?? newId("res"),
    name: input.name,
    nameAlternativeFlags: input.nameAlternativeFlags ?? noAlternativeFlags(input.name),
    address: input.address,
    addressAlternativeFlags: input.addressAlternativeFlags ?? noAlternativeFlags(input.address),
    birthDate: input.birthDate,
    gender: input.gender,
    town: town.town,
    prefecture: town.prefecture,
    cardId: options.cardId ?? newId("card"),
    cardStatus: "active",
    cardExpiresOn: cardExpiresOn(input.birthDate, now),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const [sign, auth, kenkaku] = await Promise.all([
    issueSignatureCertificate(ctx, resident),
    issueUserAuthenticationCertificate(ctx, resident),
    issueKenkakuData(ctx, resident),
  ]);
  sign.record.pairedSerialNumber = auth.record.serialNumber;
  auth.record.pairedSerialNumber = sign.record.serialNumber;
  const image: CardImage = {
    format: CARD_IMAGE_FORMAT,
    cardId: resident.cardId,
    displayLabel: displayLabelOf(resident),
    issuedAt: now.toISOString(),
    cardExpiresOn: resident.cardExpiresOn,
    jpki: {
      authCertificate: derBase64(auth.der),
      authPrivateKey: pkcs8Base64(auth.privateKey),
      authCaCertificate: derBase64(new Uint8Array(ctx.cas.auth.certificate.rawData)),
      signCertificate: derBase64(sign.der),
      signPrivateKey: pkcs8Base64(sign.privateKey),
      signCaCertificate: derBase64(new Uint8Array(ctx.cas.sign.certificate.rawData)),
      authPin: input.authPin,
      signPassword: input.signPassword,
    },
    kenkaku,
    counters: freshCounters(),
  };
  await ctx.repo.transaction(async (tx) => {
    await tx.insertResident(resident, generateDecoyMyNumber());
    await tx.insertCertificate(sign.record);
    await tx.insertCertificate(auth.record);
    // Written inside the transaction: if the file cannot be written, nothing is recorded either.
    ctx.cards.write(image);
  });
  ctx.log.info("card issued", { residentId: resident.id, cardId: resident.cardId });
  return {
    resident: await viewResident(ctx.repo, resident),
    cardId: resident.cardId,
    cardImagePath: ctx.cards.pathOf(resident.cardId),
  };
}
