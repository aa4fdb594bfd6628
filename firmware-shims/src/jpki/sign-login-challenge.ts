/**
 * @module PIN login (flow 3) and step-up: read the user-authentication certificate, VERIFY the 利用者証明用暗証番号
 * and sign the PF's `toBeSigned` with the user-authentication key — the body of `POST /v1/sessions`. A login also
 * carries the card-binding proof (`withCardProof`), so the PF binds this card for PIN-less use when the viewer has
 * no binding yet or renewed the card.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";
import { type CardKeyProof, proveCardKey } from "./prove-card-key.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";

export interface LoginSignature extends Partial<CardKeyProof> {
  authenticationCertificate: Uint8Array;
  signature: Uint8Array;
}

export async function signLoginChallenge(
  card: JpkiCardClient,
  input: { toBeSigned: Uint8Array; pin: string; cache?: CertificateCache; withCardProof?: boolean },
): Promise<LoginSignature> {
  const auth = await readAuthenticationCertificate(card, input.cache);
  await card.verifyPin("auth", input.pin);
  const signature = await card.signMessage("auth", input.toBeSigned);
  const login = { authenticationCertificate: auth.certificate, signature };
  if (!input.withCardProof) return login;
  return {
    ...login,
    ...(await proveCardKey(card, {
      toBeSigned: input.toBeSigned,
      serialHex: auth.serialHex,
      cache: input.cache,
    })),
  };
}
