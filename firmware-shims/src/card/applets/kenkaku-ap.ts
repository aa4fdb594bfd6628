/**
 * @module 券面事項確認AP for PIN-less use (かざし利用): the files and keys of kenkaku.md §2, minus the 個人番号.
 */
import type { CardImage } from "@catv/jpki/card-image";
import { type Application, fileMap } from "./application.ts";
import { base64, pkcs8 } from "./jpki-ap.ts";

export const KENKAKU_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02);

export const KENKAKU_EF = {
  DATE_OF_BIRTH_RECORD: 0x0001,
  CARD_INFO: 0x0003,
  CARD_VERIFIABLE_CERTIFICATE: 0x0004,
  /** 個人番号 image: refused. */
  MY_NUMBER_IMAGE: 0x0005,
  BIRTH_DATE_KEY: 0x0011,
  /** 照合番号A is the 個人番号 itself: refused. */
  COLLATION_NUMBER_A: 0x0013,
} as const;

export function buildKenkakuApplication(image: CardImage): Application {
  const kenkaku = image.kenkaku;
  return {
    name: "券面事項確認AP",
    aid: KENKAKU_AID,
    reselectClearsVerification: false,
    signing: { kind: "kenkaku", defaultKey: pkcs8(kenkaku.cardPrivateKey) },
    internalAuthenticate: "refuse",
    // 0002 (券面 images), 0006 and 0012 (照合番号B) are not held by an emulated card: they answer 6A82.
    files: fileMap([
      {
        kind: "binary",
        fid: KENKAKU_EF.DATE_OF_BIRTH_RECORD,
        content: base64(kenkaku.dateOfBirthRecord),
        readableAfter: KENKAKU_EF.BIRTH_DATE_KEY,
      },
      { kind: "binary", fid: KENKAKU_EF.CARD_INFO, content: base64(kenkaku.cardInfo) },
      {
        kind: "binary",
        fid: KENKAKU_EF.CARD_VERIFIABLE_CERTIFICATE,
        content: base64(kenkaku.cardVerifiableCertificate),
      },
      { kind: "refused", fid: KENKAKU_EF.MY_NUMBER_IMAGE },
      { kind: "refused", fid: KENKAKU_EF.COLLATION_NUMBER_A },
      {
        kind: "pin",
        fid: KENKAKU_EF.BIRTH_DATE_KEY,
        maxTries: 10,
        // 和暦 YYMMDD in ASCII digits.
        minLength: 6,
        maxLength: 6,
        alphabet: /^[0-9]{6}$/,
        changeable: false,
        value: (card) => card.kenkaku.birthDateKey,
        setValue: () => {
          throw new Error("the 生年月日 key cannot be changed");
        },
        remaining: (card) => card.counters.birthDateKeyRemaining,
        setRemaining: (card, remaining) => {
          card.counters.birthDateKeyRemaining = remaining;
        },
      },
    ]),
  };
}
