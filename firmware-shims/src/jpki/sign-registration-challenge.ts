/**
 * @module Registration on the card (system design flow 1): after the 署名用パスワード, read both certificates
 * and sign the PF's `toBeSigned` with the signature key (`80 2A 00 9A`, a SHA-256 DigestInfo, PKCS#1 v1.5); then
 * the card-binding proof — the 券面事項確認AP's CVC and its 券面 key's signature over the same `toBeSigned`.
 * The result is the body of `POST /v1/registrations` minus the challenge ID and consent.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";
import { type CardKeyProof, proveCardKey } from "./prove-card-key.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";

export interface RegistrationSignature extends CardKeyProof {
  signatureCertificate: Uint8Array;
  authenticationCertificate: Uint8Array;
  signature: Uint8Array;
}

export async function signRegistrationChallenge(
  card: JpkiCardClient,
  input: { toBeSigned: Uint8Array; signPassword: string; cache?: CertificateCache },
): Promise<RegistrationSignature> {
  const auth = await readAuthenticationCertificate(card, input.cache);
  await card.verifyPin("sign", input.signPassword);
  const signatureCertificate = await card.readCertificate("sign");
  const signature = await card.signMessage("sign", input.toBeSigned);
  // SELECTing the 券面事項確認AP ends the JPKI-AP's verified state, which is no longer needed.
  const proof = await proveCardKey(card, {
    toBeSigned: input.toBeSigned,
    serialHex: auth.serialHex,
    cache: input.cache,
  });
  return { signatureCertificate, authenticationCertificate: auth.certificate, signature, ...proof };
}
