/**
 * @module PIN login (flow 3) and step-up: read the user-authentication certificate, VERIFY the 利用者証明用暗証番号
 * and sign the PF's `toBeSigned` with the user-authentication key — the body of `POST /v1/sessions`.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";

export interface LoginSignature {
  authenticationCertificate: Uint8Array;
  signature: Uint8Array;
}

export async function signLoginChallenge(
  card: JpkiCardClient,
  input: { toBeSigned: Uint8Array; pin: string; cache?: CertificateCache },
): Promise<LoginSignature> {
  const auth = await readAuthenticationCertificate(card, input.cache);
  await card.verifyPin("auth", input.pin);
  const signature = await card.signMessage("auth", input.toBeSigned);
  return { authenticationCertificate: auth.certificate, signature };
}
