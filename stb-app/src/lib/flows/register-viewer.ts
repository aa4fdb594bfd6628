/**
 * @module 利用者登録 (参考２－１): the card signs a PF `registration` challenge with the signature key after the
 * signature password, and its 券面 key signs the same challenge (the card-binding proof, which lets this card log
 * in without a PIN later); the PF validates both and issues the cable ID.
 */

import { base64ToBytes, bytesToBase64 } from "../card/base64.ts";
import type { CardPort } from "../card/card-port.ts";
import type { PfClient, RegistrationResponse } from "../pf/pf-client.ts";

/** Version of the consent text the viewer reads on the first wizard screen; the PF records it. */
export const REGISTRATION_CONSENT_VERSION = "registration-2026-11";

export interface RegisterViewerInput {
  password: string;
  consentAcceptedAt: Date;
  onProgress?: (step: "challenge" | "card" | "platform") => void;
}

export async function registerViewer(
  deps: { card: CardPort; pf: PfClient },
  input: RegisterViewerInput,
): Promise<RegistrationResponse> {
  input.onProgress?.("challenge");
  const challenge = await deps.pf.createChallenge("registration");
  input.onProgress?.("card");
  const signed = await deps.card.signRegistration(input.password, base64ToBytes(challenge.toBeSigned));
  input.onProgress?.("platform");
  return deps.pf.register({
    challengeId: challenge.challengeId,
    signatureCertificate: bytesToBase64(signed.signatureCertificate),
    authenticationCertificate: bytesToBase64(signed.authenticationCertificate),
    signature: bytesToBase64(signed.signature),
    cardKeyProof: {
      cardVerifiableCertificate: bytesToBase64(signed.cardVerifiableCertificate),
      signature: bytesToBase64(signed.cardSignature),
    },
    consent: { textVersion: REGISTRATION_CONSENT_VERSION, acceptedAt: input.consentAcceptedAt.toISOString() },
  });
}
