/**
 * @module The 券面事項確認AP checks (kenkaku.md §4) on top of the JPKI codecs: the card-verifiable certificate
 * against the 券面 CA keys J-LIS publishes (→ the certified card key), the signed date-of-birth record against
 * that key, and a signature by the card's 券面 key. Any codec failure is `card_genuineness_failed`; no 個人番号
 * file is involved. Note (kenkaku.md §4): nothing cryptographic ties the 券面 key to the JPKI certificates — the
 * PF trusts a 券面 key for a person only once it was bound at registration or at a PIN login (`domain/bind-card.ts`).
 */
import { createHash, type KeyObject } from "node:crypto";
import {
  CVC_TAG,
  type DateOfBirthRecord,
  decodeSingleTlv,
  JpkiCodecError,
  type KenkakuCaKey,
  verifyCardVerifiableCertificate,
  verifyDateOfBirthRecord,
} from "@catv/jpki";
import { fail } from "../platform/errors.ts";
import { verifyCardSignature } from "./verify-card-signature.ts";

/** A card key certified by the 券面 CA, with what a binding records of it. */
export interface CertifiedCardKey {
  publicKey: KeyObject;
  /** The CVC's subject key ID, lower-case hex. */
  subjectKeyId: string;
  /** SHA-256 (hex) of the key's DER SubjectPublicKeyInfo. */
  publicKeySha256: string;
}

const genuinenessFailed = (why: string) =>
  fail("card_genuineness_failed", `Card genuineness check failed: ${why}.`);

function codecChecked<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof JpkiCodecError) throw genuinenessFailed(e.message);
    throw e;
  }
}

/**
 * The card key a CVC (base64, exactly one `7F21` TLV as read from EF 0004) certifies, checked against the 券面
 * CA keys (kenkaku.md §4 step 1).
 */
export function certifiedCardKey(cvcBase64: string, caKeys: readonly KenkakuCaKey[]): CertifiedCardKey {
  const bytes = Buffer.from(cvcBase64, "base64");
  return codecChecked(() => {
    // The EF's filler is the STB's to strip: one CVC has one accepted spelling.
    if (decodeSingleTlv(bytes, CVC_TAG).raw.length !== bytes.length)
      throw new JpkiCodecError("malformed_cvc", "bytes follow the CVC");
    const cvc = verifyCardVerifiableCertificate(bytes, caKeys);
    return {
      publicKey: cvc.publicKey,
      subjectKeyId: cvc.subjectKeyId,
      publicKeySha256: createHash("sha256")
        .update(cvc.publicKey.export({ format: "der", type: "spki" }))
        .digest("hex"),
    };
  });
}

/**
 * The signed date-of-birth record (EF 0001) checked against the card key (kenkaku.md §4 step 2): its signature
 * verifies with that key and its own key field (DF12) is that key.
 */
export function verifiedDateOfBirthRecord(
  recordBase64: string,
  cardKey: CertifiedCardKey,
): DateOfBirthRecord {
  return codecChecked(() => verifyDateOfBirthRecord(Buffer.from(recordBase64, "base64"), cardKey.publicKey));
}

/** A signature by the card's 券面 key (`80 2A 00 00`) over `data` (kenkaku.md §4 step 3). */
export function verifyCardKeySignature(data: Uint8Array, signatureBase64: string, cardKey: CertifiedCardKey) {
  try {
    verifyCardSignature(data, signatureBase64, cardKey.publicKey);
  } catch {
    throw genuinenessFailed("the 券面 key's signature does not verify");
  }
}
