/**
 * @module 利用者登録 (参考２－１): the card signs a PF `registration` challenge with the signature key after the
 * signature password; the PF validates the signature certificate and issues the cable ID.
 */

import { sha256DigestInfo } from "@catv/firmware-shims/digest-info";
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
  const digestInfo = await sha256DigestInfo(base64ToBytes(challenge.toBeSigned));
  const authenticationCertificate = await deps.card.readAuthenticationCertificate();
  const signed = await deps.card.signWithSignaturePassword(input.password, digestInfo);
  input.onProgress?.("platform");
  return deps.pf.register({
    challengeId: challenge.challengeId,
    signatureCertificate: bytesToBase64(signed.signatureCertificate),
    authenticationCertificate: bytesToBase64(authenticationCertificate),
    signature: bytesToBase64(signed.signature),
    consent: { textVersion: REGISTRATION_CONSENT_VERSION, acceptedAt: input.consentAcceptedAt.toISOString() },
  });
}
