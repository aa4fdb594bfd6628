/**
 * @module The 券面事項確認AP proof of card genuineness (kenkaku.md §4) on top of the JPKI codecs: the
 * card-verifiable certificate against the 券面 CA keys J-LIS publishes, then the signed date-of-birth record
 * against the CVC's key. Any codec failure is `card_genuineness_failed`; no 個人番号 file is involved.
 */
import {
  type DateOfBirthRecord,
  JpkiCodecError,
  type KenkakuCaKey,
  verifyCardVerifiableCertificate,
  verifyDateOfBirthRecord,
} from "@catv/jpki";
import { fail } from "../platform/errors.ts";

export function verifyKenkakuProof(
  input: { cardVerifiableCertificate: string; dateOfBirthRecord: string },
  caKeys: readonly KenkakuCaKey[],
): DateOfBirthRecord {
  try {
    const cvc = verifyCardVerifiableCertificate(
      Buffer.from(input.cardVerifiableCertificate, "base64"),
      caKeys,
    );
    return verifyDateOfBirthRecord(Buffer.from(input.dateOfBirthRecord, "base64"), cvc.publicKey);
  } catch (e) {
    if (e instanceof JpkiCodecError)
      throw fail("card_genuineness_failed", `Card genuineness check failed: ${e.message}.`);
    throw e;
  }
}
