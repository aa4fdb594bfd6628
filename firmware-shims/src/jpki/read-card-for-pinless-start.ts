/**
 * @module The first half of a PIN-less login on the card: the user-authentication certificate (no PIN) and the
 * 券面事項確認AP's card-verifiable certificate, which the PF matches against the card bound to the viewer before
 * it answers with the birth-date key. Both come from the cache when this card was seen before (by serial), so this
 * costs 2 APDUs then (SELECT JPKI-AP, READ the certificate header), and the CVC is read at most once per login.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";
import { cardVerifiableCertificateOf } from "./prove-card-key.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";

export interface PinlessStartRead {
  authenticationCertificate: Uint8Array;
  /** Stays on the STB (the PF reads serials from the certificate itself). */
  serialHex: string;
  cardVerifiableCertificate: Uint8Array;
}

export async function readCardForPinlessStart(
  card: JpkiCardClient,
  cache?: CertificateCache,
): Promise<PinlessStartRead> {
  const auth = await readAuthenticationCertificate(card, cache);
  const cached = cache?.get(auth.serialHex)?.cardVerifiableCertificate;
  if (cached) {
    return {
      authenticationCertificate: auth.certificate,
      serialHex: auth.serialHex,
      cardVerifiableCertificate: cached,
    };
  }
  await card.selectKenkaku();
  const cardVerifiableCertificate = await cardVerifiableCertificateOf(card, auth.serialHex, cache);
  return {
    authenticationCertificate: auth.certificate,
    serialHex: auth.serialHex,
    cardVerifiableCertificate,
  };
}
