/**
 * @module The card-binding proof (threat model: docs/threat-model.md): the 券面事項確認AP's card-verifiable
 * certificate (EF 0004, free to read) and a signature by the card's 券面 key (`80 2A 00 00`, no key verified)
 * over the same PF challenge the JPKI key signs. With it the PF binds the certified 券面 key to the viewer at
 * registration and PIN login; a later PIN-less login must be answered by that key.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";

export interface CardKeyProof {
  cardVerifiableCertificate: Uint8Array;
  cardSignature: Uint8Array;
}

/**
 * The card's CVC, from the cache entry of the user-authentication certificate `serialHex` when this card was
 * seen before, else read (and cached). The 券面事項確認AP must be selected.
 */
export async function cardVerifiableCertificateOf(
  card: JpkiCardClient,
  serialHex: string,
  cache: CertificateCache | undefined,
): Promise<Uint8Array> {
  const cached = cache?.get(serialHex);
  if (cached?.cardVerifiableCertificate) return cached.cardVerifiableCertificate;
  const cardVerifiableCertificate = await card.readCardVerifiableCertificate();
  if (cached) cache?.set(serialHex, { ...cached, cardVerifiableCertificate });
  return cardVerifiableCertificate;
}

/** SELECT the 券面事項確認AP, take its CVC (cached by serial) and sign `toBeSigned` with the card's 券面 key. */
export async function proveCardKey(
  card: JpkiCardClient,
  input: { toBeSigned: Uint8Array; serialHex: string; cache?: CertificateCache },
): Promise<CardKeyProof> {
  await card.selectKenkaku();
  const cardVerifiableCertificate = await cardVerifiableCertificateOf(card, input.serialHex, input.cache);
  const cardSignature = await card.signChallengeWithCardKey(input.toBeSigned);
  return { cardVerifiableCertificate, cardSignature };
}
