/**
 * @module The card-genuineness half of a PIN-less login (かざし利用, kenkaku.md §3–§4): SELECT the 券面事項確認AP,
 * VERIFY its 生年月日 key, READ the signed date-of-birth record (EF 0001) and the card-verifiable certificate
 * (EF 0004, from the cache when this card was seen before), and have the card sign the PF's challenge with
 * `80 2A 00 00`. The body of `POST /v1/pinless/sessions` minus the challenge ID.
 *
 * With `readAuthenticationCertificate` first (2 APDUs on a cache hit) a PIN-less login costs 6 APDUs.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";

export interface PinlessCardProof {
  dateOfBirthRecord: Uint8Array;
  cardVerifiableCertificate: Uint8Array;
  signature: Uint8Array;
}

export async function proveCardForPinlessLogin(
  card: JpkiCardClient,
  input: {
    /** The PF's challenge (signed as DigestInfo(SHA-256(challenge))), or `digestInfo` already built. */
    challenge?: Uint8Array;
    digestInfo?: Uint8Array;
    birthDateKey: string;
    serialHex?: string;
    cache?: CertificateCache;
  },
): Promise<PinlessCardProof> {
  if (!input.challenge === !input.digestInfo) throw new RangeError("give either challenge or digestInfo");
  await card.selectKenkaku();
  await card.verifyBirthDateKey(input.birthDateKey);
  const dateOfBirthRecord = await card.readDateOfBirthRecord();
  const cached = input.serialHex ? input.cache?.get(input.serialHex) : undefined;
  let cardVerifiableCertificate = cached?.cardVerifiableCertificate;
  if (!cardVerifiableCertificate) {
    cardVerifiableCertificate = await card.readCardVerifiableCertificate();
    if (cached && input.serialHex)
      input.cache?.set(input.serialHex, { ...cached, cardVerifiableCertificate });
  }
  const signature = input.digestInfo
    ? await card.signDigestInfoWithCardKey(input.digestInfo)
    : await card.signChallengeWithCardKey(input.challenge!);
  return { dateOfBirthRecord, cardVerifiableCertificate, signature };
}
